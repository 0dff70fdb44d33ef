-- PostgreSQL twin of db/migration/sqlite/V7__clock_sync_flag.sql: whether the device's OS said its clock was
-- NTP-synchronised at the measurement (1 yes, 0 no or not reported).
ALTER TABLE clock_samples ADD COLUMN os_synced SMALLINT NOT NULL DEFAULT 0;
