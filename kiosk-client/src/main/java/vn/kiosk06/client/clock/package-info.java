/**
 * The device's clocks and how far to trust them (decision 3: time is evidence, not truth).
 *
 * <p>{@link vn.kiosk06.client.clock.DeviceClock} gives every journaled event its wall time, boot id and
 * monotonic time since boot. {@link vn.kiosk06.client.clock.HandshakeStart} and
 * {@link vn.kiosk06.wire.ClockMeasurement} (shared with the server) capture the NTP-style measurement taken at each sync
 * handshake (sent to the server in the next batch's clock samples), and
 * {@link vn.kiosk06.client.clock.ClockQuality} turns the latest measurement and the OS's NTP status into
 * a trusted / untrusted verdict for the UI and the heartbeat.
 */
package vn.kiosk06.client.clock;
