package vn.kiosk06.bench.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.bench.BenchMain;
import vn.kiosk06.bench.sync.InProcessServer;

/**
 * The simulator on a Java with virtual threads (this machine's second JDK, as {@code ./kiosk06 bench} runs it): each
 * device's journal writer and sync worker are virtual, so a fleet costs a few OS threads instead of two a device.
 * Skipped where no JDK 21 or later is installed under /usr/lib/jvm.
 */
class VirtualThreadsTest {

    private static final int DEVICES = 300;
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @TempDir
    Path dir;

    @Test
    void simulatorOnJava21OrLater_300Devices_runOnFarFewerOsThreads_andTheServerStoresEveryEventOnce() throws Exception {
        Optional<Path> java = javaWithVirtualThreads();
        Assumptions.assumeTrue(java.isPresent(), "no JDK 21 or later under /usr/lib/jvm");
        try (InProcessServer server = InProcessServer.start(dir.resolve("server"))) {
            Path stderr = dir.resolve("simulate.log");
            Path out = dir.resolve("simulate.json");
            // The bench's own logging (warnings, to stderr), as in its jar; on the test class path another is first.
            Path logback = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("logback.xml");
            Process p = new ProcessBuilder(java.get().toString(), "--enable-native-access=ALL-UNNAMED",
                    "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "simulate",
                    "--devices", String.valueOf(DEVICES), "--events-per-device", "5", "--insecure",
                    "--target", "127.0.0.1:" + server.port(), "--spread", "2", "--ramp", "1", "--json",
                    "--work-dir", dir.resolve("journals").toString())
                    .redirectError(stderr.toFile()).redirectOutput(out.toFile()).start();
            AtomicLong peakThreads = new AtomicLong();
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    peakThreads.accumulateAndGet(osThreads(p.pid()), Math::max);
                    return !p.isAlive();
                });
            } finally {
                p.destroyForcibly();
            }

            String log = Files.readString(stderr);
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("journal writer and sync worker on virtual threads");
            JsonNode result = new ObjectMapper().readTree(out.toFile());
            assertThat(result.get("passed").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.get("errors").asLong()).isZero();
            assertThat(result.get("server_events").asLong()).isEqualTo(DEVICES * 5L);
            // As platform threads the devices alone would be 600.
            assertThat(peakThreads.get()).isPositive().isLessThan(DEVICES / 2);
        }
    }

    /** The process's OS threads now (0 once it is gone). */
    private static long osThreads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited between the check and the read
        }
        return 0;
    }

    /** The newest JDK of version 21 or later under /usr/lib/jvm, by its release file. */
    private static Optional<Path> javaWithVirtualThreads() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            List<Path> found = homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && major(h) >= 21)
                    .sorted(Comparator.comparingInt(VirtualThreadsTest::major).reversed()).toList();
            return found.stream().findFirst().map(h -> h.resolve("bin/java"));
        }
    }

    private static int major(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
