package vn.kiosk06.hardware.serial;

import java.time.Duration;
import java.util.Objects;

/**
 * How to open and frame one serial device.
 *
 * @param path          the device path, opened explicitly (e.g. {@code /dev/ttyUSB0}, {@code /dev/serial/by-id/…}, a
 *                      pty link); enumeration is not used because it does not list ptys and renumbers USB devices
 * @param baudRate      bits per second
 * @param dataBits      5–8
 * @param parity        parity
 * @param stopBits      stop bits
 * @param framing       frame delimiting
 * @param maxFrameBytes longest frame accepted; longer frames are discarded up to the next delimiter and reported
 * @param readTimeout   how long one read may block; bounds how quickly {@code close()} and unplug are noticed
 * @param minBackoff    first delay before re-opening a lost port
 * @param maxBackoff    cap of the doubling re-open delay
 */
public record SerialPortConfig(
        String path,
        int baudRate,
        int dataBits,
        Parity parity,
        StopBits stopBits,
        Framing framing,
        int maxFrameBytes,
        Duration readTimeout,
        Duration minBackoff,
        Duration maxBackoff) {

    /** Default longest frame: far above any card payload, small enough to bound memory. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024;

    public SerialPortConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baudRate must be > 0, was " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5..8, was " + dataBits);
        }
        if (maxFrameBytes < 16) {
            throw new IllegalArgumentException("maxFrameBytes must be ≥ 16, was " + maxFrameBytes);
        }
        if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMillis() > 10_000) {
            throw new IllegalArgumentException("readTimeout must be in (0, 10 s], was " + readTimeout);
        }
        if (minBackoff.isNegative() || minBackoff.isZero()) {
            throw new IllegalArgumentException("minBackoff must be > 0, was " + minBackoff);
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be ≥ minBackoff " + minBackoff + ", was " + maxBackoff);
        }
    }

    /** 9600 8N1, 8 KiB frames, 200 ms reads, re-open backoff 250 ms doubling to 5 s. */
    public static SerialPortConfig of(String path, Framing framing) {
        return new SerialPortConfig(path, 9600, 8, Parity.NONE, StopBits.ONE, framing, DEFAULT_MAX_FRAME_BYTES,
                Duration.ofMillis(200), Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /** A copy with another baud rate. */
    public SerialPortConfig withBaudRate(int newBaudRate) {
        return new SerialPortConfig(path, newBaudRate, dataBits, parity, stopBits, framing, maxFrameBytes, readTimeout,
                minBackoff, maxBackoff);
    }

    /** A copy with another re-open backoff. */
    public SerialPortConfig withBackoff(Duration newMin, Duration newMax) {
        return new SerialPortConfig(path, baudRate, dataBits, parity, stopBits, framing, maxFrameBytes, readTimeout,
                newMin, newMax);
    }

    /** A copy with another frame limit. */
    public SerialPortConfig withMaxFrameBytes(int newMax) {
        return new SerialPortConfig(path, baudRate, dataBits, parity, stopBits, framing, newMax, readTimeout,
                minBackoff, maxBackoff);
    }
}
