package vn.kiosk06.bench.scale;

import java.util.List;
import java.util.Optional;
import vn.kiosk06.bench.simulate.VirtualThreads;

/**
 * The JVM the simulator processes run on. The servers the bench starts run on the bench's own Java (17, as deployed);
 * the simulators on a Java 21 or later when the launcher found one ({@value #PROPERTY}, e.g. the machine's Temurin 25),
 * so each simulated device's two threads are virtual and 20,000 devices fit this machine's task table (issue 17).
 */
final class SimulatorJvm {

    /** The java binary of a JDK 21 or later, set by {@code ./kiosk06} when the machine has one. */
    static final String PROPERTY = "kiosk06.simulator.java";

    private SimulatorJvm() {
    }

    private static Optional<String> configured() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank());
    }

    /** The java binary to start simulators with. */
    static String binary() {
        return configured().orElseGet(ServerProcess::javaBinary);
    }

    /** Whether simulated devices get virtual threads there (then the task table does not bound the fleet). */
    static boolean virtualThreads() {
        return configured().isPresent() || VirtualThreads.available();
    }

    /**
     * Options for that JVM: SQLite's driver loads its native library, which Java 24 and later warn about on every
     * start unless native access is granted.
     */
    static List<String> options() {
        return configured().isPresent() ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }
}
