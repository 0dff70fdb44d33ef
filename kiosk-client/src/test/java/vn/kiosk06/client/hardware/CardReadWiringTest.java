package vn.kiosk06.client.hardware;

import vn.kiosk06.hardware.serial.SocatPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import vn.kiosk06.client.ClientApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournaledEvent;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.sim.ReaderSimulator;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;

/**
 * The device app with a QR scanner on a real pseudo-terminal: every serial read becomes a CardRead event in the
 * journal, and no raw ID number or name reaches the journal file, the logs or the status API.
 */
class CardReadWiringTest {

    @TempDir
    Path dir;

    private SocatPair pty;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(logs);
        if (pty != null) {
            pty.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String get(ClientApp app, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<CardRead> cardReads(Journal journal) {
        List<CardRead> out = new ArrayList<>();
        for (JournaledEvent e : journal.readAfter(0, 1000)) {
            Event event = e.parse();
            if (event.hasCardRead()) {
                out.add(event.getCardRead());
            }
        }
        return out;
    }

    @Test
    void serialReads_becomeCardReadEvents_andNoIdOrNameReachesJournalLogsOrApi() throws Exception {
        pty = new SocatPair(dir);
        Path data = dir.resolve("data");
        Path configFile = dir.resolve("kiosk.yml");
        Files.writeString(configFile, """
                device-id: kiosk-test-01
                server: 127.0.0.1:%d
                data-dir: %s
                sync-interval: 1h
                qr-reader: %s
                qr-reader-framing: line
                """.formatted(closedPort(), data, pty.hostPath()));
        Map<String, Object> props = new HashMap<>(ClientConfigFile.load(configFile));
        props.put("micronaut.server.port", -1);

        List<SyntheticPerson> people = new ArrayList<>();
        SyntheticPeople generator = new SyntheticPeople(new Random(20260619));
        for (int i = 0; i < 4; i++) {
            people.add(generator.next());
        }
        List<String> script = new ArrayList<>();
        for (SyntheticPerson p : people.subList(0, 3)) {
            script.add("raw " + p.cccdQr());
        }
        script.add("raw " + people.get(3).bhytQr());
        script.add("raw 0790|short|id"); // a CCCD-like QR with too few fields
        ByteArrayOutputStream simulatorReport = new ByteArrayOutputStream();

        String status;
        Path journalFile;
        try (ClientApp app = ClientApp.start(props)) {
            Journal journal = app.bean(Journal.class);
            journalFile = journal.file();
            ReaderEvents events = app.bean(ReaderEvents.class);
            await().atMost(Duration.ofSeconds(10)).until(events::allConnected);

            new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(1), pty::deviceWrites, ms -> { },
                    new PrintStream(simulatorReport, true, StandardCharsets.UTF_8)).run(script);

            await().atMost(Duration.ofSeconds(15)).until(() -> cardReads(journal).size() == 5);
            List<CardRead> reads = cardReads(journal);
            assertThat(reads.subList(0, 4)).allSatisfy(c -> {
                assertThat(c.getOutcome()).isEqualTo(ReadOutcome.READ_OK);
                assertThat(c.getReaderKind()).isEqualTo(ReaderKind.READER_QR);
                assertThat(c.getCitizenKey().size()).isEqualTo(16);
                assertThat(c.getAgeGroupValue()).isPositive();
                assertThat(c.getSexValue()).isPositive();
                assertThat(c.getFailureReason()).isEmpty();
            });
            assertThat(reads.subList(0, 4).stream().map(CardRead::getCitizenKey).distinct()).hasSize(4);
            CardRead failed = reads.get(4);
            assertThat(failed.getOutcome()).isEqualTo(ReadOutcome.READ_FAILED);
            assertThat(failed.getFailureReason()).isEqualTo("WRONG_FIELD_COUNT");
            assertThat(failed.getCitizenKey().isEmpty()).isTrue();
            assertThat(events.latest()).hasValueSatisfying(r -> assertThat(r.reading().isOk()).isFalse());

            status = get(app, "/api/v1/status");
            assertThat(status).contains("\"readers\":[{\"kind\":\"qr\",\"path\":\"" + pty.hostPath()
                            + "\",\"connected\":true,\"readsOk\":4,\"readsFailed\":1}]",
                    "\"printer\":{\"configured\":false}", "\"gpio\":\"off\"");
            assertThat(scan(journalFile, people)).as("journal while running").isEmpty();
        }

        // The secret was generated owner-only, and said so in one line.
        Path secret = data.resolve("citizen-key.secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.size(secret)).isEqualTo(32);
        List<String> lines = logs.list.stream().map(CardReadWiringTest::text).toList();
        assertThat(lines).filteredOn(l -> l.contains("generated a new random one")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("GPIO off:")).hasSize(1);
        assertThat(String.join("\n", lines)).doesNotContain(java.util.HexFormat.of().formatHex(Files.readAllBytes(secret)));

        // Privacy: none of the raw values in the journal files, the log output or the status API.
        assertThat(scan(journalFile, people)).as("journal after close").isEmpty();
        byte[] logBytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        assertThat(hits(logBytes, people)).as("log output").isEmpty();
        assertThat(hits(status.getBytes(StandardCharsets.UTF_8), people)).as("status API").isEmpty();
        // The test is not vacuous: the simulator's own report (test data) does carry the raw values.
        assertThat(hits(simulatorReport.toByteArray(), people)).isNotEmpty();
        assertThat(lines).anyMatch(l -> l.contains("QR read OK"));
    }

    private static String text(ILoggingEvent e) {
        StringBuilder s = new StringBuilder(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            s.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return s.toString();
    }

    /** Every raw value found in the journal's database file and its write-ahead log. */
    private static List<String> scan(Path journalFile, List<SyntheticPerson> people) throws IOException {
        List<String> found = new ArrayList<>();
        for (String suffix : new String[] {"", "-wal"}) {
            Path f = journalFile.resolveSibling(journalFile.getFileName() + suffix);
            if (Files.exists(f)) {
                found.addAll(hits(Files.readAllBytes(f), people).stream().map(h -> f.getFileName() + ": " + h).toList());
            }
        }
        return found;
    }

    private static List<String> hits(byte[] haystack, List<SyntheticPerson> people) {
        List<String> found = new ArrayList<>();
        for (SyntheticPerson p : people) {
            for (String needle : new String[] {p.idNumber(), p.bhytNumber(), p.fullName(),
                    Normalizer.normalize(p.fullName(), Normalizer.Form.NFD)}) {
                if (indexOf(haystack, needle.getBytes(StandardCharsets.UTF_8)) >= 0) {
                    found.add(needle);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
