package vn.kiosk06.server.main;

import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.server.admin.AdminCommand;
import vn.kiosk06.server.backup.BackupCommand;
import vn.kiosk06.server.backup.RestoreCommand;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.config.ServerConfigFile;
import vn.kiosk06.server.db.PostgresUrl;
import vn.kiosk06.server.report.ReportCommand;
import vn.kiosk06.server.tls.HttpsProperties;
import vn.kiosk06.server.tls.TlsException;

/**
 * {@code java -jar kiosk06-server.jar}: the server jar's one command tree. With no subcommand it runs the aggregator
 * (gRPC ingest, REST API, dashboard); its subcommands are the tools that work on the same store: {@code admin}
 * (devices, dashboard users, org units, sealing keys), {@code report}, {@code backup} and {@code restore}.
 */
@Command(name = "kiosk06-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the Kiosk06 aggregator (the default), or a tool on its store.",
            "Every command has --help."},
        subcommands = {ReportCommand.class, BackupCommand.class, RestoreCommand.class})
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--config", description = "Configuration file (YAML, e.g. /etc/kiosk06/server.yml); the options below override it.")
    Path config;

    @Option(names = "--data-dir", description = "Directory of the embedded store (default: from configuration, else ./data).")
    Path dataDir;

    @Option(names = "--db", description = "PostgreSQL shared by several instances: postgresql://user:pass@host:port/db "
            + "or a jdbc:postgresql: URL (default: the embedded SQLite store in the data directory).")
    String db;

    @Option(names = "--grpc-port", description = "Port devices sync to (default 7443).")
    Integer grpcPort;

    @Option(names = "--http-port", description = "Port of the REST API and dashboard (default 8080).")
    Integer httpPort;

    @Option(names = "--insecure", description = "Development only: plaintext gRPC and HTTP, unenrolled devices accepted.")
    boolean insecure;

    public static void main(String[] args) {
        int code = commandLine(new AdminCommand(System.in, System.console(), System.out, System.err)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The whole tree. A tool's standard output is its result (a code, a list, a paragraph), so a subcommand gets
     * the command-line logging configuration (warnings on stderr) before its first logger exists; only the server
     * itself logs as configured.
     */
    public static CommandLine commandLine(AdminCommand admin) {
        CommandLine cl = new CommandLine(new ServerMain());
        cl.addSubcommand("admin", admin);
        cl.setExecutionStrategy(parsed -> {
            if (parsed.hasSubcommand()) {
                System.setProperty("logback.configurationFile", "logback-cli.xml");
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    @Override
    public Integer call() {
        Map<String, Object> props = new HashMap<>();
        if (config != null) {
            try {
                props.putAll(ServerConfigFile.load(config));
            } catch (ConfigFileException e) {
                System.err.println("kiosk06 server: " + e.getMessage());
                return 2;
            }
            // Read by logback.xml, which starts with the first logger: before Micronaut, so set them now.
            for (String key : new String[] {"kiosk06.log.format", "kiosk06.log.dir"}) {
                Object value = props.get(key);
                if (value != null) {
                    System.setProperty(key, value.toString());
                }
            }
        }
        if (dataDir != null) {
            props.put("kiosk06.server.data-dir", dataDir.toString());
        }
        if (db != null) {
            try {
                PostgresUrl.parse(db); // refused here with what was expected, not deep inside the context's start
            } catch (IllegalArgumentException e) {
                System.err.println("kiosk06 server: --db: " + e.getMessage());
                return 2;
            }
            props.put("kiosk06.server.db", db);
        }
        if (grpcPort != null) {
            props.put("grpc.server.port", grpcPort);
        }
        if (httpPort != null) {
            props.put("micronaut.server.port", httpPort);
        }
        if (insecure) {
            props.put("kiosk06.server.insecure", true);
        }
        try {
            props.putAll(HttpsProperties.forServer(props));
        } catch (TlsException | IllegalStateException e) {
            System.err.println("kiosk06 server: " + e.getMessage());
            return 2;
        }
        Micronaut.build(new String[0]).properties(props).mainClass(ServerMain.class).start();
        return 0;
    }
}
