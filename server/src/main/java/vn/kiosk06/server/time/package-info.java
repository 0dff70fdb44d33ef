/**
 * Event time correction on the server: the pure core of decision 3 ("time is evidence, not truth").
 *
 * <p>A device's wall clock is evidence only. The handshake yields a {@link vn.kiosk06.wire.ClockMeasurement}
 * (NTP-style t0..t3, tied to a boot and a monotonic instant); {@link vn.kiosk06.server.time.EventTimeCorrector}
 * turns an event's device time plus the measurements known for its device into a
 * {@link vn.kiosk06.server.time.CorrectedTime}: measured, anchored via monotonic time, or unknown.
 *
 * <p>Everything here is plain immutable values and pure functions: no store, no gRPC, no clock reads.
 * The ingest and store wiring maps proto messages to these records.
 */
package vn.kiosk06.server.time;
