package vn.kiosk06.hardware.gpio;

/**
 * One output pin in logical terms: "active" means lit / sounding, whatever the wiring's polarity. Two
 * implementations: a Pi4J pin and a no-op for machines without GPIO.
 */
public interface OutputLine {
    /** Drives the line active or inactive. Must be safe to call from any thread. */
    void set(boolean active);

    /** A line that does nothing (no GPIO on this machine). */
    static OutputLine none() {
        return active -> { };
    }
}
