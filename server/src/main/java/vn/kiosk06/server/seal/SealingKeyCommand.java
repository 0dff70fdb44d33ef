package vn.kiosk06.server.seal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.config.ServerConfigFile;
import vn.kiosk06.server.enroll.KeyFileException;

/**
 * {@code ./kiosk06 admin sealing-key list|rotate}: the server's key pairs for sealing citizen ids. A rotation (a new
 * campaign, or a private key that may have leaked) adds key N+1 and makes it current; every old key stays, so events
 * sealed to it still open, and the citizen key is unchanged, so a citizen seen before and after counts once. Restart
 * the server(s) afterwards: devices get the new public key at their next handshake.
 */
@Command(name = "sealing-key", mixinStandardHelpOptions = true,
        description = "List or rotate the server's key pairs for sealing citizen ids.",
        subcommands = {SealingKeyCommand.ListKeys.class, SealingKeyCommand.Rotate.class})
public final class SealingKeyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Where the keys are: as the server finds them (its --config, or --data-dir, or ./data). */
    static final class Where {
        @Option(names = "--data-dir", description = "The server's data directory (default: from --config, else ./data).")
        Path dataDir;

        @Option(names = "--config", description = "The server's configuration file (e.g. /etc/kiosk06/server.yml).")
        Path config;

        Path file() {
            Map<String, Object> p = config == null ? Map.of() : ServerConfigFile.load(config);
            Object dir = dataDir != null ? dataDir : p.get("kiosk06.server.data-dir");
            Object configured = p.get("kiosk06.server.sealing-keys-file");
            Object citizenKey = p.get("kiosk06.server.citizen-key-file");
            return SealBeans.sealingKeysPath(Path.of(dir == null ? "data" : dir.toString()),
                    configured == null ? null : Path.of(configured.toString()),
                    citizenKey == null ? null : Path.of(citizenKey.toString()));
        }
    }

    static int run(CommandLine.Model.CommandSpec spec, Where where, boolean rotate) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path file = where.file();
            SealingKeyRing ring = SealingKeyRing.loadOrCreate(file);
            if (rotate) {
                ring = ring.rotate();
                out.println("key " + ring.current().getKeyId() + " is current; restart the server(s) so devices get it at "
                        + "their next handshake (old keys kept in " + file + ")");
            }
            for (int id : ring.ids()) {
                out.printf("key %d%s  public %s%n", id, id == ring.current().getKeyId() ? " (current)" : "",
                        HexFormat.of().formatHex(ring.publicKey(id).getPublicKey().toByteArray()));
            }
            return 0;
        } catch (KeyFileException | ConfigFileException e) {
            spec.commandLine().getErr().println("kiosk06 admin: " + e.getMessage());
            return 2;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the key pairs (public halves).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Where where = new Where();

        @Override
        public Integer call() {
            return run(spec, where, false);
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a key pair and make it current; old keys are kept so late events still open.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Where where = new Where();

        @Override
        public Integer call() {
            return run(spec, where, true);
        }
    }
}
