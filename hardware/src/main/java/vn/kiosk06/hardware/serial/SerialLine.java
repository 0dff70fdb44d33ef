package vn.kiosk06.hardware.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.Objects;
import vn.kiosk06.hardware.DeviceUnavailableException;

/**
 * An open serial port for simple request/response use (printer status, simulator output, hardware check):
 * blocking writes and reads bounded by a timeout.
 *
 * <p>Not thread-safe: one user at a time. Close it when done.
 */
public final class SerialLine implements AutoCloseable {
    private final SerialPort port;
    private final String path;

    private SerialLine(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /**
     * Opens the configured port.
     *
     * @throws DeviceUnavailableException if the path does not exist or the port cannot be opened
     */
    public static SerialLine open(SerialPortConfig config) {
        Objects.requireNonNull(config, "config");
        if (!Files.exists(Path.of(config.path()))) {
            throw new DeviceUnavailableException("serial port " + config.path() + " does not exist");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(config.path());
        } catch (SerialPortInvalidPortException e) {
            throw new DeviceUnavailableException("serial port " + config.path() + " is not a valid port");
        }
        port.setComPortParameters(config.baudRate(), config.dataBits(), config.stopBits().jSerialComm,
                config.parity().jSerialComm);
        int timeout = (int) config.readTimeout().toMillis();
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeout, timeout);
        if (!port.openPort()) {
            throw new DeviceUnavailableException(
                    "serial port " + config.path() + " cannot be opened (error " + port.getLastErrorCode() + ")");
        }
        return new SerialLine(port, config.path());
    }

    /** The port path. */
    public String path() {
        return path;
    }

    /**
     * Writes all bytes.
     *
     * @throws DeviceUnavailableException if the port fails mid-write
     */
    public void write(byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - offset, offset);
            if (n < 0) {
                throw new DeviceUnavailableException("write to " + path + " failed (error " + port.getLastErrorCode() + ")");
            }
            offset += n;
        }
    }

    /**
     * Reads into {@code buffer}, waiting at most the configured read timeout for the first byte.
     *
     * @return bytes read, 0 on timeout
     * @throws DeviceUnavailableException if the port fails
     */
    public int read(byte[] buffer) {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new DeviceUnavailableException("read from " + path + " failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    /**
     * Waits until the output queue has gone out on the wire, at most {@code timeout}. Closing a port with bytes
     * still queued discards them, which would cut a ticket short.
     *
     * @return true if drained, false on timeout (or if the driver cannot tell)
     */
    public boolean awaitOutputDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int pending = port.bytesAwaitingWrite();
            if (pending <= 0) {
                return pending == 0;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            // At 9600 baud one byte takes ~1 ms on the wire: polling at that pace wastes nothing.
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** Discards unread input, e.g. stale status bytes before a new query. */
    public void drainInput() {
        port.flushIOBuffers();
    }

    /**
     * Closes the port. Note: jSerialComm flushes on close; on a pseudo-terminal that discards bytes the other side
     * has not read yet, so a writer to a pty should give the reader a moment before closing.
     */
    @Override
    public void close() {
        port.closePort();
    }
}
