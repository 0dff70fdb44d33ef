package vn.kiosk06.hardware.printer;

import java.util.Objects;

/** Whether a ticket reached the printer. The kiosk shows the ticket on screen when it did not. */
public sealed interface PrintResult permits PrintResult.Printed, PrintResult.PrinterUnavailable {

    /** True for {@link Printed}. */
    default boolean printed() {
        return this instanceof Printed;
    }

    /** The ticket was sent to a printer that reported itself online with paper. */
    record Printed() implements PrintResult {
        @Override
        public String toString() {
            return "printed";
        }
    }

    /** The ticket was not printed. */
    record PrinterUnavailable(String reason) implements PrintResult {
        public PrinterUnavailable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "printer unavailable: " + reason;
        }
    }
}
