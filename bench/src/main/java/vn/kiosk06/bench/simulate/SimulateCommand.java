package vn.kiosk06.bench.simulate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./kiosk06 bench simulate}: a fleet of simulated devices, each with its own journal and sync worker, syncing to a
 * running server; prints live progress and a summary, and checks the server holds exactly devices × events.
 * Exit code 0 when every event was stored exactly once with no error, 1 otherwise, 2 for bad arguments.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run N simulated devices (own journal and sync worker each) against a server and check it stores every event exactly once.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--devices", required = true, description = "Simulated devices (each a journal file and a sync worker).")
    int devices;

    @Option(names = "--events-per-device", required = true, description = "Events each device journals.")
    int eventsPerDevice;

    @Option(names = "--target", required = true, description = "The server's gRPC address, HOST:PORT (e.g. 127.0.0.1:7443).")
    String target;

    @Option(names = "--offline-fraction", defaultValue = "0.3",
            description = "Share of devices that journal their whole backlog before connecting, as if they had been offline (default ${DEFAULT-VALUE}).")
    double offlineFraction;

    @Option(names = "--seed", defaultValue = "6", description = "Seed of the event mix and pacing (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--spread", defaultValue = "20", description = "Seconds over which online devices journal their events while syncing (default ${DEFAULT-VALUE}).")
    int spreadSeconds;

    @Option(names = "--ramp", defaultValue = "10", description = "Seconds over which the devices come online, evenly; 0 for all at once (default ${DEFAULT-VALUE}).")
    int rampSeconds;

    @Option(names = "--sync-interval", defaultValue = "60", description = "Seconds between a device's syncs when nothing new happens (default ${DEFAULT-VALUE}, as a device).")
    double syncIntervalSeconds;

    @Option(names = "--channels", defaultValue = "4", description = "gRPC connections the devices share (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds to wait for every ack before giving up (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--work-dir", description = "Where to put the journals (kept after the run); default a temporary directory, deleted after.")
    Path workDir;

    @Option(names = "--device-prefix", description = "Prefix of the device ids (default sim-<time>, new for every run).")
    String devicePrefix;

    @Option(names = "--enroll-with-data-dir", paramLabel = "DIR",
            description = "A secure server's data directory (its certificate, and its SQLite store): each device is "
                    + "registered there and enrolls over the Enroll rpc with TLS pinning. The server's "
                    + "kiosk06.server.limits.enroll-per-minute and enroll-burst must allow N enrollments from this address.")
    Path enrollDataDir;

    @Option(names = "--enroll-with-db", paramLabel = "URL",
            description = "The PostgreSQL database a secure server runs on (its --db), to register the devices in; "
                    + "with --enroll-with-data-dir for the certificate.")
    String enrollDb;

    @Option(names = "--insecure", description = "The target is a development server started with --insecure: plaintext, no enrollment.")
    boolean insecure;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout (progress still goes to stderr).")
    boolean json;

    /** The command line with errors worded for an operator: the problem and the usage, no stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new SimulateCommand()).setExecutionExceptionHandler(SimulateCommand::badArgument);
    }

    /** A bad option of simulate's found while running (an IllegalArgumentException): one line naming it, exit 2. */
    public static int badArgument(Exception e, CommandLine line, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException && line.getCommand() instanceof SimulateCommand) {
            line.getErr().println("kiosk06 " + line.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw e;
    }

    /** The plan these options describe; throws IllegalArgumentException naming a bad option. */
    SimulationPlan plan() {
        if (insecure && (enrollDataDir != null || enrollDb != null)) {
            throw new IllegalArgumentException("--insecure and --enroll-with-… exclude each other: a server started with "
                    + "--insecure takes devices without enrollment");
        }
        if (enrollDb != null && enrollDataDir == null) {
            throw new IllegalArgumentException("--enroll-with-db needs --enroll-with-data-dir too: the server's certificate, "
                    + "which the devices pin, is in its data directory (tls/)");
        }
        String prefix = devicePrefix != null ? devicePrefix
                : "sim-" + Long.toString(System.currentTimeMillis() / 1000 % 10_000_000, 36);
        TargetAddress address = TargetAddress.parse(target);
        SimulationPlan plan = new SimulationPlan(devices, eventsPerDevice, address, offlineFraction, seed,
                Duration.ofSeconds(spreadSeconds), Duration.ofSeconds(rampSeconds), channels, Duration.ofSeconds(timeoutSeconds), Optional.ofNullable(workDir),
                prefix, Duration.ofMillis(Math.round(syncIntervalSeconds * 1000)));
        if (!insecure && enrollDataDir == null && TlsProbe.speaksTls(address)) {
            throw new IllegalArgumentException("--target " + address + " is a secure server (TLS, enrolled devices only) and "
                    + "no way to enroll was given: pass --enroll-with-data-dir DIR (the server's data directory; add "
                    + "--enroll-with-db URL when it runs on PostgreSQL) to register and enroll each device, or run the "
                    + "server with --insecure and pass --insecure here");
        }
        return plan;
    }

    @Override
    public Integer call() throws Exception {
        SimulationPlan plan = plan();
        SimulationResult result;
        if (enrollDataDir != null) {
            try (RegistryEnrollment enrollment = RegistryEnrollment.forServer(enrollDataDir, Optional.ofNullable(enrollDb),
                    plan.target())) {
                result = new Simulation(plan, enrollment, System.err, ProgressLine.onTerminal()).run();
            }
        } else {
            result = new Simulation(plan, DeviceEnrollment.INSECURE, System.err, ProgressLine.onTerminal()).run();
        }
        System.out.print(json ? result.json() + System.lineSeparator() : result.summary());
        System.out.flush();
        if (!result.passed()) {
            System.err.printf(Locale.ROOT, "kiosk06 simulate: the run did not pass (see the summary above)%n");
        }
        return result.passed() ? 0 : 1;
    }
}
