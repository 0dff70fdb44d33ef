package vn.kiosk06.bench.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.kiosk06.bench.sync.InProcessServer;
import vn.kiosk06.server.store.DeviceSummary;

/** The load generator against the real server (its gRPC endpoint and SQLite store in this JVM, on a free port). */
class SimulationTest {

    @TempDir
    Path dir;

    @Test
    void simulate_50DevicesA30PercentOffline_serverStoresExactly50x200EventsWithNoError() throws Exception {
        try (InProcessServer server = InProcessServer.start(dir.resolve("server"))) {
            SimulationPlan plan = new SimulationPlan(50, 200, new TargetAddress("127.0.0.1", server.port()), 0.3, 6,
                    Duration.ofSeconds(3), Duration.ofSeconds(1), 2, Duration.ofMinutes(3), Optional.of(dir.resolve("journals")), "test-sim");

            SimulationResult result = new Simulation(plan, DeviceEnrollment.INSECURE, new PrintStream(PrintStream.nullOutputStream()),
                    false).run();

            assertThat(result.errors()).as("errors; e.g. %s", result.errorSamples()).isZero();
            assertThat(result.json()).contains("\"failures_by_second\":{}");
            assertThat(result.offlineDevices()).isEqualTo(15);
            assertThat(result.eventsSent()).isEqualTo(10_000);
            assertThat(result.eventsAcked()).isEqualTo(10_000);
            assertThat(result.serverEvents()).isEqualTo(10_000);
            assertThat(result.devicesAboveTarget()).isZero();
            assertThat(result.passed()).isTrue();
            // The store itself, not only the watermarks: each device's 200 events stored once each.
            assertThat(server.store().devices()).filteredOn(d -> d.deviceId().startsWith("test-sim-"))
                    .hasSize(50)
                    .extracting(DeviceSummary::eventsStored).containsOnly(200L);
        }
    }

    /** A secure server (TLS, enrolled devices only) whose enroll throttle lets one address enroll a small fleet. */
    private InProcessServer secureServer() {
        return InProcessServer.start(dir.resolve("server"), Map.of("kiosk06.server.insecure", false,
                "kiosk06.server.limits.enroll-per-minute", 6_000, "kiosk06.server.limits.enroll-burst", 100));
    }

    @Test
    void simulate_againstASecureServer_eachDeviceEnrollsOverPinnedTlsAndEveryEventIsStoredOnce() throws Exception {
        try (InProcessServer server = secureServer()) {
            TargetAddress target = new TargetAddress("127.0.0.1", server.port());
            SimulationPlan plan = new SimulationPlan(8, 50, target, 0.25, 6, Duration.ofSeconds(2), Duration.ofSeconds(1), 2,
                    Duration.ofMinutes(2), Optional.of(dir.resolve("journals")), "secure-sim");

            SimulationResult result;
            try (RegistryEnrollment enrollment = RegistryEnrollment.forServer(dir.resolve("server"), Optional.empty(), target)) {
                result = new Simulation(plan, enrollment, new PrintStream(PrintStream.nullOutputStream()), false).run();
            }

            assertThat(result.errors()).as("errors; e.g. %s", result.errorSamples()).isZero();
            assertThat(result.serverEvents()).isEqualTo(400);
            assertThat(result.passed()).isTrue();
            assertThat(server.store().devices()).filteredOn(d -> d.deviceId().startsWith("secure-sim-"))
                    .hasSize(8)
                    .extracting(DeviceSummary::eventsStored).containsOnly(50L);
        }
    }

    @Test
    void simulate_secureTargetWithoutAWayToEnroll_isRefusedSayingHowToEnroll() {
        try (InProcessServer server = secureServer()) {
            Run run = simulate("--devices", "2", "--events-per-device", "10", "--target", "127.0.0.1:" + server.port(),
                    "--work-dir", dir.resolve("journals").toString());

            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err).contains("is a secure server").contains("--enroll-with-data-dir");
            assertThat(dir.resolve("journals")).doesNotExist();
        }
    }

    @Test
    void simulate_zeroDevices_isRefusedNamingTheOption() {
        Run run = simulate("--devices", "0", "--events-per-device", "10", "--target", "127.0.0.1:7443");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--devices must be ≥ 1, was 0");
    }

    @Test
    void simulate_targetWithoutPort_isRefusedShowingTheExpectedForm() {
        Run run = simulate("--devices", "5", "--events-per-device", "10", "--target", "kiosk06.example");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--target must be HOST:PORT").contains("'kiosk06.example'");
    }

    @Test
    void simulate_targetWhereNoServerListens_isRefusedBeforeAnyJournalIsMade() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run run = simulate("--devices", "5", "--events-per-device", "10", "--target", "127.0.0.1:" + closedPort,
                "--work-dir", dir.resolve("journals").toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--target 127.0.0.1:" + closedPort + ": no Kiosk06 server reachable there");
        assertThat(dir.resolve("journals")).doesNotExist();
    }

    private record Run(int exitCode, String err) {
    }

    private static Run simulate(String... args) {
        CommandLine cl = SimulateCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }
}
