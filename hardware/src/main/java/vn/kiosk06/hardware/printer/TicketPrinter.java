package vn.kiosk06.hardware.printer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.hardware.DeviceUnavailableException;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.Parity;
import vn.kiosk06.hardware.serial.SerialLine;
import vn.kiosk06.hardware.serial.SerialPortConfig;
import vn.kiosk06.hardware.serial.StopBits;

/**
 * Prints queue tickets on an ESC/POS printer over a serial port. Before printing it asks the printer for its status
 * (DLE EOT 1 and 4) with a timeout; if the port is missing, the printer does not answer, is offline or out of
 * paper, it returns {@link PrintResult.PrinterUnavailable} with the reason so the kiosk can show the ticket on
 * screen. Never throws to the caller (other than for a null ticket).
 *
 * <p>Thread-safe: {@link #print} is synchronized, one job at a time; it blocks for at most about two status
 * timeouts plus the write, so call it off the UI thread.
 */
public final class TicketPrinter {
    private static final Logger log = LoggerFactory.getLogger(TicketPrinter.class);

    private static final Duration CLOSE_LINGER = Duration.ofMillis(150);

    private final SerialPortConfig port;

    /** @param port the printer's port; its read timeout is the status-reply timeout */
    public TicketPrinter(SerialPortConfig port) {
        this.port = Objects.requireNonNull(port, "port");
    }

    /** A printer on {@code path} at {@code baudRate} 8N1 waiting {@code statusTimeout} for status replies. */
    public static TicketPrinter onPort(String path, int baudRate, Duration statusTimeout) {
        return new TicketPrinter(new SerialPortConfig(path, baudRate, 8, Parity.NONE, StopBits.ONE, Framing.LINE,
                SerialPortConfig.DEFAULT_MAX_FRAME_BYTES, statusTimeout, Duration.ofMillis(250), Duration.ofSeconds(5)));
    }

    /** Prints one ticket, or says why it could not. */
    public synchronized PrintResult print(Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        PrintResult result;
        try (SerialLine line = SerialLine.open(port)) {
            result = checkStatus(line);
            if (result.printed()) {
                byte[] bytes = EscPos.ticket(ticket);
                line.write(bytes);
                // Worst case 10 bits per byte on the wire, plus slack for the USB-serial adapter.
                Duration onWire = Duration.ofMillis(bytes.length * 10_000L / port.baudRate() + 500);
                if (!line.awaitOutputDrained(onWire)) {
                    result = new PrintResult.PrinterUnavailable("ticket not sent within " + onWire.toMillis() + " ms");
                }
                // jSerialComm flushes on close. USB-serial adapters hold a FIFO the kernel cannot see, and a pty
                // drops what its peer has not read yet: a short linger lets the cut command really go out.
                LockSupport.parkNanos(CLOSE_LINGER.toNanos());
            }
        } catch (DeviceUnavailableException e) {
            result = new PrintResult.PrinterUnavailable(e.getMessage());
        } catch (RuntimeException e) {
            result = new PrintResult.PrinterUnavailable("unexpected " + e.getClass().getSimpleName());
        }
        if (result.printed()) {
            log.info("printer {}: ticket {} printed", port.path(), ticket.queueNumber());
        } else {
            log.warn("printer {}: ticket {} not printed, {}", port.path(), ticket.queueNumber(), result);
        }
        return result;
    }

    /** Asks the printer whether it is online and has paper; {@link PrintResult.Printed} means "go ahead". */
    public synchronized PrintResult status() {
        try (SerialLine line = SerialLine.open(port)) {
            return checkStatus(line);
        } catch (DeviceUnavailableException e) {
            return new PrintResult.PrinterUnavailable(e.getMessage());
        } catch (RuntimeException e) {
            return new PrintResult.PrinterUnavailable("unexpected " + e.getClass().getSimpleName());
        }
    }

    private PrintResult checkStatus(SerialLine line) {
        line.drainInput();
        int printer = query(line, EscPos.STATUS_PRINTER);
        if (printer < 0) {
            return new PrintResult.PrinterUnavailable("no status reply within " + port.readTimeout().toMillis() + " ms");
        }
        int paper = query(line, EscPos.STATUS_PAPER);
        if (paper < 0) {
            return new PrintResult.PrinterUnavailable("no paper-status reply within " + port.readTimeout().toMillis() + " ms");
        }
        if ((paper & 0x60) != 0) {
            return new PrintResult.PrinterUnavailable("paper out");
        }
        if ((printer & 0x08) != 0) {
            return new PrintResult.PrinterUnavailable("offline (cover open or error)");
        }
        if ((paper & 0x0C) != 0) {
            log.warn("printer {}: paper near end", port.path());
        }
        return new PrintResult.Printed();
    }

    /** Sends a DLE EOT query; the reply byte, or -1 if none (or garbage) arrived in time. */
    private static int query(SerialLine line, byte[] request) {
        line.write(request);
        byte[] reply = new byte[16];
        int n = line.read(reply);
        if (n <= 0) {
            return -1;
        }
        // Take the last status-shaped byte: stray bytes before it are line noise.
        for (int i = n - 1; i >= 0; i--) {
            if (EscPos.isStatusByte(reply[i] & 0xFF)) {
                return reply[i] & 0xFF;
            }
        }
        return -1;
    }
}
