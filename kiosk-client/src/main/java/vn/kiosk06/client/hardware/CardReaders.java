package vn.kiosk06.client.hardware;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.hardware.gpio.Buzzer;
import vn.kiosk06.hardware.identity.Pseudonymizer;
import vn.kiosk06.hardware.reader.CardReader;
import vn.kiosk06.hardware.reader.ReaderConfig;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialPortConfig;

/**
 * The card readers the device's configuration names, open from start to shutdown. Opening never blocks: a reader
 * that is not plugged in is reported disconnected (red light) and retried in the background.
 *
 * <p>Thread-safe after construction; {@link #close} once at shutdown.
 */
public final class CardReaders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CardReaders.class);

    private final List<CardReader> open = new ArrayList<>();

    /** Opens each configured reader; every reading goes to the journal, the buzzer and {@code events}. */
    public CardReaders(List<ReaderConfig> readers, Pseudonymizer pseudonymizer, Journal journal, Buzzer buzzer,
            ReaderEvents events) {
        if (readers.isEmpty()) {
            LOG.info("card readers: none configured (set qr-reader or chip-reader in the config file)");
        }
        for (ReaderConfig r : readers) {
            events.register(r.profile(), r.port().path());
            LOG.info("{} reader: configured on {} ({}, {} baud)", r.profile(), r.port().path(),
                    r.port().framing().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), r.port().baudRate());
            open.add(CardReader.open(r, pseudonymizer, new ReadingRecorder(r.profile(), journal, buzzer, events)));
        }
    }

    /** The readers named in {@code config}, in the order QR, chip. */
    public static List<ReaderConfig> configured(ClientConfig config) {
        List<ReaderConfig> out = new ArrayList<>(2);
        config.qrReaderPort().ifPresent(path -> out.add(new ReaderConfig(ReaderProfile.QR,
                SerialPortConfig.of(path, Framing.parse(config.qrReaderFraming())).withBaudRate(config.qrReaderBaud()))));
        config.chipReaderPort().ifPresent(path -> out.add(new ReaderConfig(ReaderProfile.CHIP,
                SerialPortConfig.of(path, Framing.parse(config.chipReaderFraming())).withBaudRate(config.chipReaderBaud()))));
        return out;
    }

    @Override
    public void close() {
        for (CardReader r : open) {
            r.close();
        }
    }
}
