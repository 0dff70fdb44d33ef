-- Decision 3, "time is evidence, not truth": the server's corrected time of every event, and each device's
-- latest clock measurement for the fleet view.

-- corrected_ms: server-time instant of the event, ms since the epoch; NULL when the time is unknown.
-- time_quality: 0 unknown (no measurement in the event's boot, or the result lay in the future),
--               1 measured (wall time + offset measured in the same boot),
--               2 anchored (placed by monotonic time from a measurement across a wall-clock step).
ALTER TABLE events ADD COLUMN corrected_ms INTEGER;
ALTER TABLE events ADD COLUMN time_quality INTEGER NOT NULL DEFAULT 0;

-- Reports count a device's events by period of corrected time.
CREATE INDEX events_by_corrected_time ON events (device, corrected_ms);
-- A new measurement re-corrects the still-unknown events of its boot. Partial, so it holds only those rows
-- and costs nothing at ingest for events whose time is known.
CREATE INDEX events_time_unknown_by_boot ON events (device, boot_id) WHERE time_quality = 0;

-- The latest measurement (by server receive time) of each device's clock; NULL until one arrives.
-- The counters split events_stored by whether a corrected time is known.
ALTER TABLE devices ADD COLUMN clock_offset_ms      INTEGER;
ALTER TABLE devices ADD COLUMN clock_round_trip_ms  INTEGER;
ALTER TABLE devices ADD COLUMN clock_measured_at_ms INTEGER;
ALTER TABLE devices ADD COLUMN events_corrected     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_time_unknown  INTEGER NOT NULL DEFAULT 0;

-- Events stored before this migration have no corrected time yet: they count as unknown until a
-- measurement of their boot arrives (the re-correction then picks them up).
UPDATE devices SET events_time_unknown = events_stored;
