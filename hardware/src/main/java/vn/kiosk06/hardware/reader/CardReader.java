package vn.kiosk06.hardware.reader;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.hardware.chip.ChipEvent;
import vn.kiosk06.hardware.chip.ChipFrameParser;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.ParsedCard;
import vn.kiosk06.hardware.identity.Pseudonymizer;
import vn.kiosk06.hardware.qr.QrPayloadParser;
import vn.kiosk06.hardware.serial.SerialFrameListener;
import vn.kiosk06.hardware.serial.SerialFrameReader;

/**
 * A QR scanner or chip reader on a serial port, as the app uses it: frames are parsed and pseudonymised right here,
 * so the app only ever receives {@link CardReading}s. Survives unplug/replug (see {@link SerialFrameReader}).
 *
 * <p>Threading: {@link #open} and {@link #close} return promptly; listener calls come from the reader's daemon
 * thread. Logs carry outcomes and reasons, never card contents.
 */
public final class CardReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CardReader.class);

    private final ReaderConfig config;
    private final SerialFrameReader serial;

    private CardReader(ReaderConfig config, Pseudonymizer pseudonymizer, ReaderListener listener) {
        this.config = config;
        this.serial = new SerialFrameReader(config.port(), new Frames(config.profile(), pseudonymizer, listener));
    }

    /**
     * Starts reading. Never blocks on the device: a missing port is reported through
     * {@link ReaderListener#onReaderDisconnected} and retried in the background.
     */
    public static CardReader open(ReaderConfig config, Pseudonymizer pseudonymizer, ReaderListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        Objects.requireNonNull(listener, "listener");
        CardReader reader = new CardReader(config, pseudonymizer, listener);
        reader.serial.start();
        return reader;
    }

    /** Whether the reader's port is currently open. */
    public boolean isConnected() {
        return serial.isConnected();
    }

    /** This reader's configuration. */
    public ReaderConfig config() {
        return config;
    }

    /** Stops reading and closes the port. */
    @Override
    public void close() {
        serial.close();
    }

    /** Turns frames into readings; runs on the serial thread. */
    private static final class Frames implements SerialFrameListener {
        private final ReaderProfile profile;
        private final Pseudonymizer pseudonymizer;
        private final ReaderListener listener;

        Frames(ReaderProfile profile, Pseudonymizer pseudonymizer, ReaderListener listener) {
            this.profile = profile;
            this.pseudonymizer = pseudonymizer;
            this.listener = listener;
        }

        @Override
        public void onFrame(byte[] frame) {
            CardReading reading;
            try {
                reading = profile == ReaderProfile.QR ? qr(frame) : chip(frame);
            } catch (RuntimeException e) {
                // Parsers are fuzzed not to throw; if one does anyway, the read fails and the reader lives on.
                log.error("{} reader: parser threw {}", profile, e.getClass().getName());
                reading = pseudonymizer.failed(profile.kind(), FailureReason.UNKNOWN_FORMAT);
            }
            if (reading != null) {
                emit(reading);
            }
        }

        private CardReading qr(byte[] frame) {
            return pseudonymizer.toReading(QrPayloadParser.parse(frame), profile.kind());
        }

        private CardReading chip(byte[] frame) {
            ChipEvent event = ChipFrameParser.parse(frame);
            if (event instanceof ChipEvent.CardPresent) {
                log.debug("CHIP reader: card present");
                listener.onCardPresent();
                return null;
            }
            if (event instanceof ChipEvent.CardRemoved) {
                log.debug("CHIP reader: card removed");
                listener.onCardRemoved();
                return null;
            }
            if (event instanceof ChipEvent.ReaderError error) {
                log.info("CHIP reader: device reported error {}", error.code());
                return pseudonymizer.failed(profile.kind(), FailureReason.CHIP_READER_ERROR);
            }
            ParsedCard card = ((ChipEvent.CardRead) event).card();
            return pseudonymizer.toReading(card, profile.kind());
        }

        private void emit(CardReading reading) {
            if (reading.isOk()) {
                log.info("{} read OK ({}, {})", profile, reading.credential().orElseThrow(),
                        reading.ageGroup().orElseThrow().label());
            } else {
                log.info("{} read FAILED: {}", profile, reading.failure().orElseThrow());
            }
            listener.onReading(reading);
        }

        @Override
        public void onOversizedFrame(int length) {
            emit(pseudonymizer.failed(profile.kind(), FailureReason.FRAME_OVERSIZED));
        }

        @Override
        public void onConnected(String path) {
            listener.onReaderConnected(profile, path);
        }

        @Override
        public void onDisconnected(String path, String reason) {
            listener.onReaderDisconnected(profile, path);
        }
    }
}
