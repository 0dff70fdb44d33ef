package vn.kiosk06.client.hardware;

import static org.awaitility.Awaitility.await;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (Copied from the hardware module's tests.) A pseudo-terminal pair made by socat: the device under test opens {@link #hostPath()}, the test plays the device
 * on {@link #devicePath()}. {@link #unplug()} kills socat (both link files vanish), {@link #plug()} starts it again
 * at the same paths. One per test; close it afterwards.
 */
public final class SocatPair implements AutoCloseable {
    private final Path host;
    private final Path device;
    private Process socat;

    public SocatPair(Path dir) {
        this.host = dir.resolve("ttyHOST");
        this.device = dir.resolve("ttyDEVICE");
        plug();
    }

    public String hostPath() {
        return host.toString();
    }

    public String devicePath() {
        return device.toString();
    }

    /** Starts socat and waits until both link files exist. */
    public void plug() {
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("socat not installed? apt-get install -y socat", e);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(host) && Files.exists(device));
    }

    /** Kills socat and waits until it is gone and the links are removed. */
    public void unplug() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(host) && !Files.exists(device));
    }

    /** Writes bytes as the device would, in one write call. */
    public void deviceWrites(byte[] bytes) {
        try (OutputStream out = new FileOutputStream(device.toFile())) {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the device side for reading what the host sends (printer tests). */
    public InputStream deviceInput() throws IOException {
        return Files.newInputStream(device);
    }

    /** Opens the device side for writing replies. */
    public OutputStream deviceOutput() throws IOException {
        return new FileOutputStream(device.toFile());
    }

    @Override
    public void close() {
        if (socat != null && socat.isAlive()) {
            socat.destroy();
            try {
                socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
