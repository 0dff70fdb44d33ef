/**
 * The queue-ticket printer: ESC/POS over a serial port. {@link vn.kiosk06.hardware.printer.TicketPrinter} checks the
 * printer's status first and returns a {@link vn.kiosk06.hardware.printer.PrintResult} instead of throwing, so the
 * kiosk can show the ticket on screen when paper runs out. Vietnamese text is folded to ASCII
 * ({@link vn.kiosk06.hardware.printer.AsciiFolding}).
 */
package vn.kiosk06.hardware.printer;
