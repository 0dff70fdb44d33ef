/**
 * Tamper evidence on the server: every device's events form a hash chain (each event's {@code prev_hash} is the
 * SHA-256 of the previous event's bytes), and {@link vn.kiosk06.server.integrity.IntegrityChecker} walks each
 * device's stored events in seq order, off the ingest path, recording where the chain breaks (an edited, deleted
 * or reordered event) or has a gap (a quarantined or missing event, which is not necessarily tampering).
 */
package vn.kiosk06.server.integrity;
