package vn.kiosk06.client.hardware;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.hardware.printer.PrintResult;
import vn.kiosk06.hardware.printer.Ticket;
import vn.kiosk06.hardware.printer.TicketPrinter;

/**
 * Prints queue tickets on the configured printer, or says why not so the screen shows the ticket instead: no
 * printer configured, port missing, printer offline or out of paper. Never throws.
 *
 * <p>Thread-safe; {@link #print} blocks for up to about two seconds (status queries and the write), so call it off
 * the UI thread.
 */
public final class TicketService {
    private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);

    /** How long the printer has to answer a status query. */
    static final Duration STATUS_TIMEOUT = Duration.ofMillis(800);
    /** The result when the config names no printer. */
    public static final PrintResult NO_PRINTER = new PrintResult.PrinterUnavailable("no printer configured");

    private final Optional<TicketPrinter> printer;
    private final Optional<String> path;
    private volatile PrintResult lastResult;

    private TicketService(Optional<TicketPrinter> printer, Optional<String> path) {
        this.printer = printer;
        this.path = path;
    }

    /** A service for the printer on {@code path}. */
    public static TicketService onPort(String path, int baudRate) {
        LOG.info("ticket printer: configured on {} ({} baud)", path, baudRate);
        return new TicketService(Optional.of(TicketPrinter.onPort(path, baudRate, STATUS_TIMEOUT)), Optional.of(path));
    }

    /** A service for a device without a printer: every ticket is shown on screen. */
    public static TicketService none() {
        LOG.info("ticket printer: none configured; tickets are shown on screen");
        return new TicketService(Optional.empty(), Optional.empty());
    }

    /** Prints {@code ticket}; {@code result.printed()} false means "show it on screen". */
    public PrintResult print(Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        PrintResult result;
        try {
            result = printer.map(p -> p.print(ticket)).orElse(NO_PRINTER);
        } catch (RuntimeException e) {
            // TicketPrinter promises not to throw; the kiosk's flow must go on even if it ever does.
            LOG.error("ticket printer: print threw {}", e.getClass().getName());
            result = new PrintResult.PrinterUnavailable("unexpected " + e.getClass().getSimpleName());
        }
        lastResult = result;
        return result;
    }

    /** Whether the config names a printer. */
    public boolean configured() {
        return printer.isPresent();
    }

    /** The printer's port, if configured. */
    public Optional<String> path() {
        return path;
    }

    /** The result of the last print since start, if any. */
    public Optional<PrintResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }
}
