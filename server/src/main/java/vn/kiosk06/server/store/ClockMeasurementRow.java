package vn.kiosk06.server.store;

/**
 * An NTP-style clock measurement a device took at a handshake (t0..t3 in ms), kept per device and boot, with whether
 * the device's OS said its clock was NTP-synchronised then.
 */
public record ClockMeasurementRow(byte[] bootId, long monoNs, long t0, long t1, long t2, long t3, boolean osSynchronized) {

    /** A sample of a device that did not report its OS clock status. */
    public ClockMeasurementRow(byte[] bootId, long monoNs, long t0, long t1, long t2, long t3) {
        this(bootId, monoNs, t0, t1, t2, t3, false);
    }
}
