package vn.kiosk06.hardware.printer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import vn.kiosk06.hardware.serial.SocatPair;

/**
 * Plays an ESC/POS printer on the device side of a pty pair: records every byte received and answers DLE EOT n
 * with the configured status byte (no answer for an n not in the map). Runs on its own daemon thread until the pty
 * goes away.
 */
public final class FakeEscPosPrinter {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Map<Integer, Integer> replies;
    private final Thread thread;

    public FakeEscPosPrinter(SocatPair pty, Map<Integer, Integer> replies) throws IOException {
        this.replies = replies;
        InputStream in = pty.deviceInput();
        OutputStream out = pty.deviceOutput();
        thread = new Thread(() -> serve(in, out), "fake-printer");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(InputStream in, OutputStream out) {
        int previous2 = -1;
        int previous1 = -1;
        try (in; out) {
            int b;
            while ((b = in.read()) >= 0) {
                synchronized (received) {
                    received.write(b);
                }
                if (previous2 == 0x10 && previous1 == 0x04 && replies.containsKey(b)) {
                    out.write(replies.get(b));
                    out.flush();
                }
                previous2 = previous1;
                previous1 = b;
            }
        } catch (IOException e) {
            // The pty closed: the test is over.
        }
    }

    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }
}
