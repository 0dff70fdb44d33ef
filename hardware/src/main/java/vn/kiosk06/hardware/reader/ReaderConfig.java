package vn.kiosk06.hardware.reader;

import java.util.Objects;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialPortConfig;

/**
 * One configured card reader: its profile and its serial port.
 *
 * @param profile QR scanner or chip reader
 * @param port    port path, line settings and framing
 */
public record ReaderConfig(ReaderProfile profile, SerialPortConfig port) {
    public ReaderConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(port, "port");
    }

    /** A reader on {@code path} with 9600 8N1 and the given framing. */
    public static ReaderConfig of(ReaderProfile profile, String path, Framing framing) {
        return new ReaderConfig(profile, SerialPortConfig.of(path, framing));
    }
}
