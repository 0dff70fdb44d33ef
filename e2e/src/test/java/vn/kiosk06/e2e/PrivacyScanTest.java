package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.kiosk06.client.enroll.EnrollCommand;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.sim.ReaderSimulator;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;
import vn.kiosk06.server.main.ServerMain;
import vn.kiosk06.server.admin.AdminCommand;

/**
 * The whole path a citizen's card takes, in secure mode with real processes: an enrolled kiosk reads synthetic
 * people's CCCD and BHYT QR codes from a serial scanner, journals them, syncs over TLS; then every file the kiosk and
 * the server wrote (journal + WAL, the server's database files, both logs) is searched for their ID numbers, BHYT
 * numbers and names. Zero hits.
 */
class PrivacyScanTest {

    @TempDir
    Path dir;

    @Test
    void enrolledKioskFlow_syncedToServer_leavesNoIdNumberOrNameInAnyFileOrLog() throws Exception {
        List<SyntheticPerson> people = new ArrayList<>();
        SyntheticPeople generator = new SyntheticPeople(new Random(7_2026));
        for (int i = 0; i < 5; i++) {
            people.add(generator.next());
        }
        ByteArrayOutputStream simulatorReport = new ByteArrayOutputStream();
        int deviceHttp = JavaProcess.freePort();
        Path deviceData = dir.resolve("kiosk");

        try (SecureServer server = new SecureServer(dir); SocatPair pty = new SocatPair(dir)) {
            // The admin registers the kiosk; the technician enrolls it with the printed code.
            StringWriter adminOut = new StringWriter();
            assertThat(ServerMain.commandLine(new AdminCommand(System.in, null, System.out, System.err)).setOut(new PrintWriter(adminOut)).execute("admin", "device", "add",
                    "--data-dir", server.dataDir.toString(), "--device-id", "kiosk-pii-01", "--unit", "PQ-DD",
                    "--address", server.target())).isZero();
            String code = adminOut.toString().lines().map(String::strip).filter(l -> l.startsWith("K6-")).findFirst().orElseThrow();
            assertThat(new CommandLine(new EnrollCommand()).execute("--code", code, "--data-dir", deviceData.toString()))
                    .isZero();

            Path config = dir.resolve("kiosk.yml");
            Files.writeString(config, """
                    device-id: kiosk-pii-01
                    server: %s
                    data-dir: %s
                    http-port: %d
                    sync-interval: 1s
                    gpio: off
                    qr-reader: %s
                    qr-reader-framing: line
                    """.formatted(server.target(), deviceData, deviceHttp, pty.hostPath()));
            String api = "http://127.0.0.1:" + deviceHttp + "/api/v1/status";
            try (JavaProcess kiosk = JavaProcess.start(dir.resolve("kiosk.log"), "kiosk06.client.jar",
                    "--config", config.toString())) {
                assertThat(kiosk.alive()).as("kiosk started (see kiosk.log)").isTrue();
                await("kiosk up with its scanner").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Http.answers(api) && Http.get(api).body().contains("\"connected\":true"));

                List<String> script = new ArrayList<>();
                for (SyntheticPerson p : people.subList(0, 4)) {
                    script.add("raw " + p.cccdQr());
                    script.add("wait 200");
                }
                script.add("raw " + people.get(4).bhytQr());
                new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(1), pty::deviceWrites, ms -> { },
                        new PrintStream(simulatorReport, true, StandardCharsets.UTF_8)).run(script);

                await("reads journaled and synced").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            String status = Http.get(api).body();
                            return status.contains("\"readsOk\":5") && status.contains("\"backlog\":0");
                        });
                String devices = server.admin().body("/api/v1/devices");
                assertThat(devices).contains("kiosk-pii-01");
            }
        }

        List<String> found = new ArrayList<>();
        List<Path> scanned = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                scanned.add(dir.relativize(f));
                for (String hit : hits(Files.readAllBytes(f), people)) {
                    found.add(dir.relativize(f) + ": " + hit);
                }
            }
        }
        assertThat(scanned).as("the scan covers the journal, the server's store and both logs")
                .contains(Path.of("kiosk", "journal.db"), Path.of("server", "kiosk06.db"), Path.of("server.log"),
                        Path.of("kiosk.log"));
        assertThat(found).as("raw ID numbers or names in " + scanned).isEmpty();
        // Not vacuous: the simulator's report (test data, never written to disk) carries the raw values.
        assertThat(hits(simulatorReport.toByteArray(), people)).isNotEmpty();
        assertThat(Files.readString(dir.resolve("kiosk.log"))).contains("QR read OK");
    }

    private static List<String> hits(byte[] haystack, List<SyntheticPerson> people) throws IOException {
        String text = new String(haystack, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (SyntheticPerson p : people) {
            for (String needle : new String[] {p.idNumber(), p.bhytNumber(), p.fullName(),
                    Normalizer.normalize(p.fullName(), Normalizer.Form.NFD)}) {
                // Byte-wise: UTF-8 bytes read as Latin-1 keep a one-to-one mapping.
                if (text.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                    found.add(needle);
                }
            }
        }
        return found;
    }
}
