package vn.kiosk06.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.Pseudonymizer;
import vn.kiosk06.hardware.reader.CardReader;
import vn.kiosk06.hardware.reader.ReaderConfig;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SocatPair;

/** The simulator driving a real CardReader through a pty pair. */
class ReaderSimulatorTest {
    @TempDir
    Path dir;

    private SocatPair pty;
    private CardReader reader;

    @AfterEach
    void tearDown() {
        if (reader != null) {
            reader.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private List<CardReading> runThroughPty(ReaderProfile profile, Framing framing, List<String> script, int expected) {
        pty = new SocatPair(dir);
        List<CardReading> readings = new CopyOnWriteArrayList<>();
        reader = CardReader.open(ReaderConfig.of(profile, pty.hostPath(), framing),
                new Pseudonymizer(new CitizenKeyer(new byte[16]), Clock.systemUTC()), readings::add);
        await().atMost(Duration.ofSeconds(10)).until(reader::isConnected);
        List<Long> waits = new ArrayList<>();
        // Plain file writes to the pty: closing a jSerialComm port would flush bytes the reader has not read yet.
        new ReaderSimulator(framing, profile, new Random(5), pty::deviceWrites, waits::add,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(script);
        await().atMost(Duration.ofSeconds(10)).until(() -> readings.size() >= expected);
        assertThat(readings).hasSize(expected);
        return readings;
    }

    @Test
    void qrScript_validAndCorruptFrames_becomeOkAndFailedReadings() {
        List<CardReading> readings = runThroughPty(ReaderProfile.QR, Framing.LINE, List.of(
                "# a morning at the kiosk", "qr-cccd 3", "wait 10", "qr-bhyt 2", "corrupt 8",
                "raw hello", "unframed 00109", "unframed 0012345||x\\r\\n"), 15);
        assertThat(readings.stream().filter(CardReading::isOk)).hasSize(5);
    }

    @Test
    void chipScript_stxEtx_sessionsAndErrors() {
        List<CardReading> readings = runThroughPty(ReaderProfile.CHIP, Framing.STX_ETX, List.of(
                "chip 3", "chip-error PACE_FAILED", "corrupt 6"), 10);
        assertThat(readings.stream().filter(CardReading::isOk)).hasSize(3);
    }

    @Test
    void run_unknownCommand_namesTheLine() {
        ReaderSimulator sim = new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(1), b -> { }, ms -> { },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> sim.run(List.of("qr-cccd", "dance 3")))
                .hasMessageStartingWith("script line 2 \"dance 3\": unknown command");
        assertThatThrownBy(() -> sim.run(List.of("wait soon"))).hasMessageContaining("expected a number");
    }

    @Test
    void unescape_controlBytes() {
        assertThat(ReaderSimulator.unescape("a\\x02b\\x03\\r\\n")).containsExactly('a', 2, 'b', 3, '\r', '\n');
        assertThat(ReaderSimulator.unescape("Nữ")).isEqualTo("Nữ".getBytes(StandardCharsets.UTF_8));
    }
}
