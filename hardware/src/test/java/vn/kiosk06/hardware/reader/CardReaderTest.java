package vn.kiosk06.hardware.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.CredentialKind;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.Pseudonymizer;
import vn.kiosk06.hardware.identity.ReaderKind;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialPortConfig;
import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;

class CardReaderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-19T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));

    @TempDir
    Path dir;

    private final CitizenKeyer keyer = new CitizenKeyer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    private final SyntheticPeople people = new SyntheticPeople(new Random(2026));
    private final Events events = new Events();
    private SocatPair pty;
    private CardReader reader;

    static final class Events implements ReaderListener {
        final List<CardReading> readings = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void onReading(CardReading reading) {
            readings.add(reading);
        }

        @Override
        public void onReaderConnected(ReaderProfile profile, String path) {
            log.add("connected " + profile);
        }

        @Override
        public void onReaderDisconnected(ReaderProfile profile, String path) {
            log.add("disconnected " + profile);
        }

        @Override
        public void onCardPresent() {
            log.add("present");
        }

        @Override
        public void onCardRemoved() {
            log.add("removed");
        }
    }

    private void open(ReaderProfile profile, Framing framing) {
        pty = new SocatPair(dir);
        reader = CardReader.open(new ReaderConfig(profile, SerialPortConfig.of(pty.hostPath(), framing)),
                new Pseudonymizer(keyer, CLOCK), events);
        await().atMost(WAIT).until(reader::isConnected);
    }

    @AfterEach
    void tearDown() {
        if (reader != null) {
            reader.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void write(String s) {
        pty.deviceWrites(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void qrScanner_cccdBhytAndCorruptFrames_becomeReadings() {
        open(ReaderProfile.QR, Framing.LINE);
        SyntheticPerson p = people.next();
        write(p.cccdQr() + "\r\n" + p.bhytQr() + "\r\n");
        write("not a card\r\n");
        await().atMost(WAIT).until(() -> events.readings.size() == 3);

        CardReading cccd = events.readings.get(0);
        assertThat(cccd.isOk()).isTrue();
        assertThat(cccd.readerKind()).isEqualTo(ReaderKind.QR);
        assertThat(cccd.citizenKey()).contains(keyer.keyOf(p.idNumber()));
        assertThat(cccd.sex()).contains(p.sex());
        assertThat(events.readings.get(1).credential()).contains(CredentialKind.HEALTH_INSURANCE);
        assertThat(events.readings.get(2).failure()).contains(FailureReason.UNKNOWN_FORMAT);
        assertThat(events.log).containsExactly("connected QR");
    }

    @Test
    void chipReader_stxEtxSession_presentDataRemovedAndError() {
        open(ReaderProfile.CHIP, Framing.STX_ETX);
        SyntheticPerson p = people.next();
        write("\u0002CARD_PRESENT\u0003\u0002" + p.chipDataFrame() + "\u0003\u0002CARD_REMOVED\u0003");
        write("\u0002ERROR|BAC_FAILED\u0003");
        await().atMost(WAIT).until(() -> events.readings.size() == 2 && events.log.contains("removed"));

        assertThat(events.readings.get(0).isOk()).isTrue();
        assertThat(events.readings.get(0).readerKind()).isEqualTo(ReaderKind.CHIP);
        assertThat(events.readings.get(0).citizenKey()).contains(keyer.keyOf(p.idNumber()));
        assertThat(events.readings.get(1).failure()).contains(FailureReason.CHIP_READER_ERROR);
        assertThat(events.log).containsExactly("connected CHIP", "present", "removed");
    }

    @Test
    void qrScanner_oversizedFrame_isFailedReading() {
        open(ReaderProfile.QR, Framing.LINE);
        write("7".repeat(SerialPortConfig.DEFAULT_MAX_FRAME_BYTES + 10) + "\n");
        await().atMost(WAIT).until(() -> events.readings.size() == 1);
        assertThat(events.readings.get(0).failure()).contains(FailureReason.FRAME_OVERSIZED);
    }

    @Test
    void listenerThrows_readerKeepsReading() {
        pty = new SocatPair(dir);
        List<CardReading> seen = new CopyOnWriteArrayList<>();
        reader = CardReader.open(ReaderConfig.of(ReaderProfile.QR, pty.hostPath(), Framing.LINE),
                new Pseudonymizer(keyer, CLOCK), reading -> {
                    seen.add(reading);
                    throw new IllegalStateException("UI bug");
                });
        await().atMost(WAIT).until(reader::isConnected);
        write("a\nb\n");
        await().atMost(WAIT).until(() -> seen.size() == 2);
    }
}
