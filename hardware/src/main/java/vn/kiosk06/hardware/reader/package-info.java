/**
 * The card readers as the app sees them: {@link vn.kiosk06.hardware.reader.CardReader} opens a QR scanner or chip
 * reader on a serial port and delivers {@link vn.kiosk06.hardware.identity.CardReading}s (never raw card data) and
 * connection changes to a {@link vn.kiosk06.hardware.reader.ReaderListener}.
 */
package vn.kiosk06.hardware.reader;
