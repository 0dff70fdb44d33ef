package vn.kiosk06.server;

import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk06 server}: runs the aggregator (gRPC ingest, REST API). */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Kiosk06 aggregator.")
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Directory of the embedded store (default: from configuration, else ./data).")
    Path dataDir;

    @Option(names = "--grpc-port", description = "Port devices sync to (default 7443).")
    Integer grpcPort;

    @Option(names = "--http-port", description = "Port of the REST API and dashboard (default 8080).")
    Integer httpPort;

    public static void main(String[] args) {
        int code = new CommandLine(new ServerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        Map<String, Object> props = new HashMap<>();
        if (dataDir != null) {
            props.put("kiosk06.server.data-dir", dataDir.toString());
        }
        if (grpcPort != null) {
            props.put("grpc.server.port", grpcPort);
        }
        if (httpPort != null) {
            props.put("micronaut.server.port", httpPort);
        }
        Micronaut.build(new String[0]).properties(props).mainClass(ServerMain.class).start();
        return 0;
    }
}
