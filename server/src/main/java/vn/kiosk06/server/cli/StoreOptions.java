package vn.kiosk06.server.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import vn.kiosk06.server.config.ServerConfigFile;

/**
 * The options every store tool repeats ({@code --data-dir}, {@code --config}, {@code --db}), as one picocli
 * {@code @Mixin}: a tool finds the server's store as the server itself would. Each value comes from its option, else
 * from the server's configuration file ({@code --config}), else from the environment the Debian wrapper sets
 * ({@code KIOSK06_SERVER_DATA_DIR}, {@code KIOSK06_SERVER_DB}), else the default ({@code ./data}, the SQLite store).
 * Open for extension: a command adds what it derives from the same place (the device registry's server identity).
 */
public class StoreOptions {

    @Option(names = "--data-dir", description = "The server's data directory (default: from --config, else "
            + "$KIOSK06_SERVER_DATA_DIR, else ./data).")
    Path dataDir;

    @Option(names = "--config", description = "The server's configuration file (e.g. /etc/kiosk06/server.yml).")
    Path config;

    @Option(names = "--db", description = "The PostgreSQL the servers share (postgresql://user:pass@host:port/db or "
            + "jdbc:postgresql:…; default: from --config, else $KIOSK06_SERVER_DB, else the SQLite store in the data "
            + "directory).")
    String db;

    private Map<String, Object> props;

    /** The server's configuration as flat properties ({@code kiosk06.server.…}); empty without {@code --config}. */
    public Map<String, Object> props() {
        if (props == null) {
            props = config == null ? Map.of() : ServerConfigFile.load(config);
        }
        return props;
    }

    /** The PostgreSQL URL, or null for the SQLite store in {@link #dataDir()}. */
    public String db() {
        if (db != null) {
            return db;
        }
        Object configured = props().get("kiosk06.server.db");
        return configured != null ? configured.toString() : env("KIOSK06_SERVER_DB", null);
    }

    public Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        Object configured = props().get("kiosk06.server.data-dir");
        return Path.of(configured != null ? configured.toString() : env("KIOSK06_SERVER_DATA_DIR", "data"));
    }

    /** A file the configuration names under {@code key}, or null. */
    public Path configuredPath(String key) {
        Object value = props().get(key);
        return value == null ? null : Path.of(value.toString());
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value != null && !value.isBlank() ? value : otherwise;
    }
}
