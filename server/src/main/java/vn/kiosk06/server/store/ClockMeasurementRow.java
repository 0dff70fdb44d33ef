package vn.kiosk06.server.store;

/** An NTP-style clock measurement a device took at a handshake (t0..t3 in ms), kept per device and boot. */
public record ClockMeasurementRow(byte[] bootId, long monoNs, long t0, long t1, long t2, long t3) {
}
