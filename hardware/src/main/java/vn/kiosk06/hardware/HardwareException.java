package vn.kiosk06.hardware;

/**
 * Root of the hardware module's unchecked exceptions. Messages name the device and what was expected, never card
 * contents.
 */
public class HardwareException extends RuntimeException {
    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
