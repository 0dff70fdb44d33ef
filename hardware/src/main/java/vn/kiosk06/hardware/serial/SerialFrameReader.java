package vn.kiosk06.hardware.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads delimited frames from one serial port on its own daemon thread and keeps doing so across unplug and
 * replug: when the port disappears or errors it reports "disconnected", retries opening with a doubling backoff
 * capped at {@link SerialPortConfig#maxBackoff()} (waiting, never spinning), and reports "connected" again.
 *
 * <p>Threading: {@link #start()} and {@link #close()} return promptly and may be called from any thread; every
 * listener callback runs on the reader thread. Reads use {@code TIMEOUT_READ_SEMI_BLOCKING} so the thread notices
 * {@link #close()} within one read timeout.
 */
public final class SerialFrameReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialFrameReader.class);

    private final SerialPortConfig config;
    private final SerialFrameListener listener;
    private final FrameDecoder decoder;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean connected;

    public SerialFrameReader(SerialPortConfig config, SerialFrameListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.decoder = new FrameDecoder(config.framing(), config.maxFrameBytes(), new FrameDecoder.Sink() {
            @Override
            public void onFrame(byte[] frame) {
                deliver(() -> listener.onFrame(frame));
            }

            @Override
            public void onOversizedFrame(int length) {
                log.warn("serial {}: dropped an oversized frame of {} bytes (limit {})", config.path(), length,
                        config.maxFrameBytes());
                deliver(() -> listener.onOversizedFrame(length));
            }
        });
        this.thread = new Thread(this::run, "serial-reader " + config.path());
        this.thread.setDaemon(true);
    }

    /** Starts the reader thread. Returns at once; the first open happens on that thread. */
    public void start() {
        thread.start();
    }

    /** Whether the port is currently open. */
    public boolean isConnected() {
        return connected;
    }

    /** The configured port path. */
    public String path() {
        return config.path();
    }

    /** Stops the reader and closes the port; waits at most about one read timeout for the thread to end. */
    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(config.readTimeout().toMillis() * 2 + 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    private void run() {
        Duration backoff = config.minBackoff();
        boolean reportedDown = false;
        while (!isClosed()) {
            SerialPort port = tryOpen();
            if (port == null) {
                if (!reportedDown) {
                    reportedDown = true;
                    log.warn("serial {}: cannot open, retrying up to every {}", config.path(), config.maxBackoff());
                    deliver(() -> listener.onDisconnected(config.path(), "cannot open port"));
                }
                if (await(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0
                        ? config.maxBackoff() : backoff.multipliedBy(2);
                continue;
            }
            backoff = config.minBackoff();
            reportedDown = false;
            connected = true;
            decoder.reset();
            log.info("serial {}: connected", config.path());
            deliver(() -> listener.onConnected(config.path()));
            String reason = pump(port);
            port.closePort();
            connected = false;
            if (reason != null) {
                reportedDown = true;
                log.warn("serial {}: disconnected ({})", config.path(), reason);
                deliver(() -> listener.onDisconnected(config.path(), reason));
                // A port that vanished rarely comes back within milliseconds; wait before the first retry.
                if (await(backoff)) {
                    break;
                }
            }
        }
        connected = false;
    }

    /** Returns true if closed while waiting. */
    private boolean await(Duration delay) {
        try {
            return closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private SerialPort tryOpen() {
        if (!Files.exists(Path.of(config.path()))) {
            return null;
        }
        try {
            // A fresh SerialPort each time: after a replug the path may point at a new device node.
            SerialPort port = SerialPort.getCommPort(config.path());
            port.setComPortParameters(config.baudRate(), config.dataBits(), config.stopBits().jSerialComm,
                    config.parity().jSerialComm);
            int timeout = (int) config.readTimeout().toMillis();
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeout, timeout);
            return port.openPort() ? port : null;
        } catch (SerialPortInvalidPortException e) {
            return null;
        }
    }

    /** Reads until closed (returns null) or the port is lost (returns the reason). */
    private String pump(SerialPort port) {
        byte[] chunk = new byte[4096];
        while (!isClosed()) {
            int n = port.readBytes(chunk, chunk.length);
            if (n < 0) {
                return "read error " + port.getLastErrorCode();
            }
            if (n == 0) {
                // A timeout, or a hung-up pty/USB node that reads as empty: tell them apart by the path.
                if (!Files.exists(Path.of(config.path()))) {
                    return "port disappeared";
                }
                if (port.bytesAvailable() < 0) {
                    return "port error";
                }
                continue;
            }
            decoder.accept(chunk, n);
        }
        return null;
    }

    private void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // Only the type: a message could quote frame content.
            log.error("serial {}: listener threw {}", config.path(), e.getClass().getName());
        }
    }
}
