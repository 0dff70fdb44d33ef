package vn.kiosk06.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.client.config.ConfigException;
import vn.kiosk06.client.enroll.EnrollCommand;
import vn.kiosk06.client.hardware.HardwareCheckCommand;

/**
 * {@code kiosk06-client.jar}'s command tree: {@code --config FILE} runs the device app (journal, sync, local UI and
 * API); {@code enroll} and {@code hardware-check} are its subcommands ({@link EnrollCommand},
 * {@link HardwareCheckCommand}). A refused config
 * file exits 2, any other startup failure (an unusable citizen-key secret, a journal that cannot be opened, a port
 * in use) exits 1; either prints one line, {@code kiosk06 client: <cause>}, not a stack trace (the trace goes to
 * the log at debug). Once started, SIGTERM closes the app: the HTTP server stops, every part's pre-destroy runs, the
 * journal is closed.
 */
@Command(name = "kiosk06-client", mixinStandardHelpOptions = true,
        subcommands = {EnrollCommand.class, HardwareCheckCommand.class},
        description = {"Run the Kiosk06 device app (--config FILE), or one of its commands:"})
public final class ClientMain implements Callable<Integer> {

    // Not required by picocli: "enroll" and "hardware-check" run without it; the app itself checks for it.
    @Option(names = "--config", description = "The device's configuration file (YAML); runs the app.")
    Path config;

    private final PrintStream err;

    public ClientMain() {
        this(System.err);
    }

    ClientMain(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ClientMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        if (config == null) {
            err.println("kiosk06 client: --config FILE is required to run the app (or a command: enroll, hardware-check; --help)");
            return 2;
        }
        Map<String, Object> props;
        try {
            props = ClientConfigFile.load(config);
        } catch (ConfigException e) {
            err.println("kiosk06 client: " + e.getMessage());
            return 2;
        }
        ClientApp app;
        try {
            app = start(props);
        } catch (RuntimeException e) {
            err.println("kiosk06 client: " + rootCause(e));
            return 1;
        }
        keepAliveUntilClosed(app);
        return 0;
    }

    /** Starts the app from loaded configuration properties (see {@link ClientApp#start}). */
    static ClientApp start(Map<String, Object> props) {
        // Read by DeviceLogConfigurator, which runs at the first logger: before anything logs, so set them now.
        for (String key : new String[] {"kiosk06.log.format", "kiosk06.log.dir"}) {
            Object value = props.get(key);
            if (value != null) {
                System.setProperty(key, value.toString());
            }
        }
        return ClientApp.start(props);
    }

    /**
     * The cause a technician can act on: the first exception below Micronaut's wrappers ("error instantiating bean
     * …"), which is this app's own (it names the file and the problem); a bare JDK one (BindException) keeps the
     * one-line wrapper that says what was being done ("Unable to start Micronaut server on *:8081").
     */
    static String rootCause(Throwable e) {
        Throwable wrapper = null;
        Throwable t = e;
        while (t.getClass().getName().startsWith("io.micronaut.") && t.getCause() != null && t.getCause() != t) {
            wrapper = t;
            t = t.getCause();
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        if (t.getClass().getName().startsWith("java.") && wrapper != null && wrapper.getMessage() != null
                && !wrapper.getMessage().contains("\n")) {
            message = wrapper.getMessage() + ": " + message;
        }
        return message.replace('\n', ' ');
    }

    /** SIGTERM closes the app (beans' pre-destroy, the journal); a non-daemon thread holds the JVM till then. */
    private static void keepAliveUntilClosed(ClientApp app) {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            closed.countDown();
        }, "kiosk06-client-shutdown"));
        Thread main = new Thread(() -> {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kiosk06-client-main");
        main.setDaemon(false);
        main.start();
    }
}
