package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.sim.ReaderSimulator;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;

/**
 * The client jar the .deb ships, on a Raspberry Pi's CPU: Debian's arm64 JVM under qemu user-mode emulation runs
 * the built jar, which loads its arm64 natives — SQLite's for the journal, jSerialComm's for a QR scanner on a socat
 * pty that the reader simulator feeds a CCCD QR — journals the read and events appended through its local API, and
 * syncs them to a server on this machine's own JVM, which stores each exactly once.
 *
 * <p>Skips, naming what is missing, where qemu-user-static or openjdk-17-jre-headless:arm64 is not installed
 * ({@code ./kiosk06 test} installs both when it can). Emulation makes the JVM's start take tens of seconds.
 */
class Arm64SmokeTest {

    static final Path ARM64_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-arm64/bin/java");
    static final String DEVICE = "pi-arm64-01";
    /** Emulated start is slow; on a loaded 2-core machine slower still. */
    static final Duration START = Duration.ofMinutes(4);
    /** Its first answers run cold code, emulated: seconds, more under load. */
    static final Duration SLOW_ANSWER = Duration.ofMinutes(1);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void builtClientJar_onArm64Jvm_readsAQrFromSerial_journals_andSyncsEachEventOnceToAnX86Server() throws Exception {
        Path qemu = qemu().orElse(null);
        assumeTrue(qemu != null, "arm64 smoke test skipped: qemu-aarch64-static is not installed "
                + "(apt-get install qemu-user-static; ./kiosk06 test installs it when it can)");
        assumeTrue(Files.isExecutable(ARM64_JAVA), "arm64 smoke test skipped: " + ARM64_JAVA + " is missing "
                + "(dpkg --add-architecture arm64; apt-get update; apt-get install openjdk-17-jre-headless:arm64; "
                + "./kiosk06 test does this when it can)");

        int grpcPort = JavaProcess.freePort();
        int serverHttp = JavaProcess.freePort();
        int deviceHttp = JavaProcess.freePort();
        Path deviceData = dir.resolve("pi");
        Path store = dir.resolve("server").resolve("kiosk06.db");
        String status = "http://127.0.0.1:" + deviceHttp + "/api/v1/status";
        long started = System.nanoTime();

        try (JavaProcess server = JavaProcess.start(dir.resolve("server.log"), "kiosk06.server.jar",
                "--data-dir", dir.resolve("server").toString(), "--grpc-port", String.valueOf(grpcPort),
                "--http-port", String.valueOf(serverHttp), "--insecure");
                SocatPair pty = new SocatPair(dir)) {
            assertThat(server.alive()).as("x86 server started (see server.log)").isTrue();
            Path config = dir.resolve("pi.yml");
            Files.writeString(config, """
                    device-id: %s
                    server: 127.0.0.1:%d
                    data-dir: %s
                    http-port: %d
                    mode: field
                    sync-interval: 1s
                    qr-reader: %s
                    qr-reader-framing: line
                    insecure: true
                    """.formatted(DEVICE, grpcPort, deviceData, deviceHttp, pty.hostPath()));

            List<String> events = List.of(
                    "{\"payment\":{\"amountVnd\":\"50000\",\"method\":\"QR\",\"status\":\"CONFIRMED\",\"reference\":\"ARM-1\"}}",
                    "{\"payment\":{\"amountVnd\":\"20000\",\"method\":\"CASH\",\"status\":\"CONFIRMED\",\"reference\":\"ARM-2\"}}",
                    "{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}");
            try (JavaProcess pi = JavaProcess.start(dir.resolve("pi.log"), List.of(qemu.toString(), ARM64_JAVA.toString()),
                    List.of(), "kiosk06.client.jar", "--config", config.toString())) {
                await("the arm64 client's API answers, its QR scanner's port open (see pi.log)").atMost(START)
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> !pi.alive() || Http.answers(status) && Http.get(status).body().contains("\"connected\":true"));
                assertThat(pi.alive()).as("arm64 client running (see %s)", pi.log()).isTrue();
                long up = System.nanoTime();

                new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(1), pty::deviceWrites, ms -> { },
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                        .run(List.of("raw " + new SyntheticPeople(new Random(64)).next().cccdQr()));
                List<Long> appended = new ArrayList<>();
                for (String event : events) {
                    var answer = Http.post("http://127.0.0.1:" + deviceHttp + "/api/v1/events", event, SLOW_ANSWER);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    appended.add(Http.longField(answer.body(), "seq"));
                }
                await("QR read journaled and everything synced").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                            String body = Http.get(status).body();
                            return body.contains("\"readsOk\":1") && body.contains("\"backlog\":0");
                        });
                long lastSeq = Http.longField(Http.get(status).body(), "lastSeq");
                System.out.printf("arm64 smoke: client up %.1f s after start, read + %d appends synced %.1f s later%n",
                        (up - started) / 1e9, events.size(), (System.nanoTime() - up) / 1e9);
                assertThat(lastSeq).isGreaterThanOrEqualTo(events.size() + 1L);
                assertThat(appended).doesNotHaveDuplicates();
            }
            // The client stopped: its journal file is complete; the server's is readable while it runs (WAL).
            StoreContents journal = StoreContents.ofJournal(deviceData.resolve("journal.db"));
            StoreContents stored = StoreContents.ofServer(store, DEVICE);
            assertThat(stored.dense()).as("server holds seq 1..%d with no gap", stored.maxSeq()).isTrue();
            assertThat(stored.count()).as("each event once").isEqualTo(journal.count());
            // The QR read's sealed citizen id was opened at ingest, so compare what each event was when journaled.
            assertThat(stored.journaledDigest()).as("the events the arm64 journal holds").isEqualTo(journal.journaledDigest());

            List<Event> onServer = new ArrayList<>();
            for (long seq = 1; seq <= stored.maxSeq(); seq++) {
                onServer.add(stored.event(seq));
            }
            assertThat(onServer).filteredOn(Event::hasCardRead).singleElement().satisfies(e -> {
                assertThat(e.getCardRead().getReaderKind()).isEqualTo(ReaderKind.READER_QR);
                assertThat(e.getCardRead().getOutcome()).isEqualTo(ReadOutcome.READ_OK);
            });
            assertThat(onServer).filteredOn(Event::hasPayment).extracting(e -> e.getPayment().getAmountVnd())
                    .containsExactlyInAnyOrder(50_000L, 20_000L);
            assertThat(onServer).filteredOn(Event::hasReception).hasSize(1);
        }
        String log = Files.readString(dir.resolve("pi.log"));
        assertThat(log).as("natives loaded").doesNotContain("UnsatisfiedLinkError", "Exception in thread");
        assertThat(log).as("no gpiochip under qemu: one line, and the app ran on").contains("GPIO off: no /dev/gpiochip*");
    }

    @Test
    void builtClientJarsGpiodNatives_linkAndLoadOnArm64() throws Exception {
        Path qemu = qemu().orElse(null);
        assumeTrue(qemu != null && Files.isExecutable(ARM64_JAVA), "arm64 gpiod natives test skipped: "
                + "qemu-aarch64-static or " + ARM64_JAVA + " is missing (./kiosk06 test installs them when it can)");
        // Pi4J loads them only on a board it recognises as a Pi, which an emulator is not: load them as it would,
        // libgpiod first (libpi4j-gpiod.so needs it), on the arm64 JVM, from the jar the .deb ships.
        List<String> command = new ArrayList<>(List.of(qemu.toString(), ARM64_JAVA.toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", Path.of(LoadLibraries.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()).toString(), LoadLibraries.class.getName()));
        try (JarFile jar = new JarFile(JavaProcess.runnableJar("kiosk06.client.jar").toFile())) {
            for (String name : List.of("libgpiod.so", "libpi4j-gpiod.so")) {
                Path file = dir.resolve(name);
                try (InputStream in = jar.getInputStream(jar.getEntry("lib/aarch64/pi4j-gpiod/" + name))) {
                    Files.copy(in, file);
                }
                command.add(file.toString());
            }
        }
        Process load = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(load.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("exit %d", load.exitValue())
                .contains("loaded " + dir.resolve("libgpiod.so"), "loaded " + dir.resolve("libpi4j-gpiod.so"));
        assertThat(load.exitValue()).isZero();
    }

    /** qemu-aarch64-static on the PATH; binfmt_misc need not be registered, it is invoked explicitly. */
    static Optional<Path> qemu() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        try (Stream<Path> dirs = Stream.of(path.split(":")).map(Path::of)) {
            return dirs.map(d -> d.resolve("qemu-aarch64-static")).filter(Files::isExecutable).findFirst();
        }
    }
}
