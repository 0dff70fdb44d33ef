package vn.kiosk06.client;

import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.client.config.ConfigException;

/** {@code ./kiosk06 client --config FILE}: runs the device app (journal, sync, local UI and API). */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Run the Kiosk06 device app.")
public final class ClientMain implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The device's configuration file (YAML).")
    Path config;

    public static void main(String[] args) {
        int code = new CommandLine(new ClientMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        Map<String, Object> props;
        try {
            props = ClientConfigFile.load(config);
        } catch (ConfigException e) {
            System.err.println("kiosk06 client: " + e.getMessage());
            return 2;
        }
        Micronaut.build(new String[0]).properties(props).mainClass(ClientMain.class).start();
        return 0;
    }
}
