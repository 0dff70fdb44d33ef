package vn.kiosk06.hardware.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.Pseudonymizer;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;

/** Reads synthetic cards end to end and greps everything that leaves for their raw ID and name. */
class ReadingPrivacyTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private SocatPair pty;
    private CardReader reader;

    @BeforeEach
    void captureLogs() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(captured);
        if (reader != null) {
            reader.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void readings_andLogs_containNeitherIdNorName() {
        pty = new SocatPair(dir);
        List<CardReading> readings = new CopyOnWriteArrayList<>();
        reader = CardReader.open(ReaderConfig.of(ReaderProfile.QR, pty.hostPath(), Framing.LINE),
                new Pseudonymizer(new CitizenKeyer(new byte[16]), Clock.systemUTC()), readings::add);
        await().atMost(Duration.ofSeconds(10)).until(reader::isConnected);

        SyntheticPerson person = new SyntheticPeople(new Random(99)).next();
        String good = person.cccdQr();
        String badDate = good.replace("|" + person.birthDate().format(java.time.format.DateTimeFormatter.ofPattern("ddMMyyyy")) + "|", "|99999999|");
        String wrongSex = good.replace("|Nam|", "|Nữ|").equals(good) ? good.replace("|Nữ|", "|Nam|") : good.replace("|Nam|", "|Nữ|");
        pty.deviceWrites((good + "\n" + badDate + "\n" + wrongSex + "\n" + person.bhytQr() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> readings.size() == 4);
        assertThat(readings.get(0).isOk()).isTrue();
        assertThat(readings.get(1).isOk()).isFalse();
        assertThat(readings.get(2).isOk()).isFalse();

        String everything = readings.stream().map(CardReading::toString).collect(Collectors.joining("\n")) + "\n"
                + captured.list.stream().map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy())
                        .collect(Collectors.joining("\n"));
        assertThat(captured.list).isNotEmpty();
        assertThat(everything)
                .doesNotContain(person.idNumber())
                .doesNotContain(person.idNumber().substring(3))
                .doesNotContain(person.fullName())
                .doesNotContain(person.bhytNumber())
                .doesNotContain(person.address());
        for (String namePart : person.fullName().split(" ")) {
            if (namePart.length() > 3) {
                assertThat(everything).doesNotContain(namePart);
            }
        }
    }
}
