-- PostgreSQL twin of db/migration/sqlite/V2__event_time.sql. Decision 3, "time is evidence, not truth".

-- corrected_ms: server-time instant of the event, ms since the epoch; NULL when the time is unknown.
-- time_quality: 0 unknown, 1 measured, 2 anchored (see the SQLite file).
ALTER TABLE events ADD COLUMN corrected_ms BIGINT;
ALTER TABLE events ADD COLUMN time_quality SMALLINT NOT NULL DEFAULT 0;

-- Reports count a device's events by period of corrected time.
CREATE INDEX events_by_corrected_time ON events (device, corrected_ms);
-- A new measurement re-corrects the still-unknown events of its boot; partial, so it holds only those rows.
CREATE INDEX events_time_unknown_by_boot ON events (device, boot_id) WHERE time_quality = 0;

-- The latest measurement (by server receive time) of each device's clock; NULL until one arrives.
ALTER TABLE devices ADD COLUMN clock_offset_ms      BIGINT;
ALTER TABLE devices ADD COLUMN clock_round_trip_ms  BIGINT;
ALTER TABLE devices ADD COLUMN clock_measured_at_ms BIGINT;
ALTER TABLE devices ADD COLUMN events_corrected     BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_time_unknown  BIGINT NOT NULL DEFAULT 0;

UPDATE devices SET events_time_unknown = events_stored;
