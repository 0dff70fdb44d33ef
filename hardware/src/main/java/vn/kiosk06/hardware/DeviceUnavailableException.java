package vn.kiosk06.hardware;

/** A device (serial port, printer) could not be opened or stopped answering. */
public final class DeviceUnavailableException extends HardwareException {
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
