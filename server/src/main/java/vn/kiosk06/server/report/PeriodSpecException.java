package vn.kiosk06.server.report;

/**
 * A period spec string ({@code month:11@2026-06}, …) that could not be parsed. The message names the bad
 * part and the expected form, so the CLI can print it and the HTTP edge can return it as a 400.
 */
public final class PeriodSpecException extends IllegalArgumentException {

    public PeriodSpecException(String message) {
        super(message);
    }
}
