-- PostgreSQL twin of db/migration/sqlite/V3__rollups.sql: report rollups maintained at ingest, in the
-- transaction that stores the events. On PostgreSQL every instance reads reports from these tables (no
-- in-memory cache that another instance's ingest would make stale), so the keys lead with the device: every
-- report query filters by a set of devices and a day range.

-- One row per device and local day (Asia/Ho_Chi_Minh) of corrected time; day is the epoch day, -1000000 for
-- "time unknown". Slots as in vn.kiosk06.server.store.Rollup.
CREATE TABLE rollup_daily (
    device       BIGINT NOT NULL REFERENCES devices(id),
    day          BIGINT NOT NULL,
    events       BIGINT NOT NULL DEFAULT 0,
    bhyt         BIGINT NOT NULL DEFAULT 0,
    fee          BIGINT NOT NULL DEFAULT 0,
    codes        BIGINT NOT NULL DEFAULT 0,
    payments     BIGINT NOT NULL DEFAULT 0,
    payments_vnd BIGINT NOT NULL DEFAULT 0,
    reads_ok     BIGINT NOT NULL DEFAULT 0,
    reads_failed BIGINT NOT NULL DEFAULT 0,
    assist_0_0 BIGINT NOT NULL DEFAULT 0, assist_0_1 BIGINT NOT NULL DEFAULT 0, assist_0_2 BIGINT NOT NULL DEFAULT 0,
    assist_1_0 BIGINT NOT NULL DEFAULT 0, assist_1_1 BIGINT NOT NULL DEFAULT 0, assist_1_2 BIGINT NOT NULL DEFAULT 0,
    assist_2_0 BIGINT NOT NULL DEFAULT 0, assist_2_1 BIGINT NOT NULL DEFAULT 0, assist_2_2 BIGINT NOT NULL DEFAULT 0,
    assist_3_0 BIGINT NOT NULL DEFAULT 0, assist_3_1 BIGINT NOT NULL DEFAULT 0, assist_3_2 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (device, day)
);

-- Distinct citizens per device and day (citizen = first 8 bytes of the keyed hash), counted DISTINCT at query time.
CREATE TABLE rollup_citizens (
    device  BIGINT NOT NULL,
    day     BIGINT NOT NULL,
    citizen BIGINT NOT NULL,
    PRIMARY KEY (device, day, citizen)
);

-- Fleet view: the last upload, the backlog the latest heartbeat reported, and late arrivals.
ALTER TABLE devices ADD COLUMN last_sync_ms      BIGINT;
ALTER TABLE devices ADD COLUMN backlog           BIGINT;
ALTER TABLE devices ADD COLUMN late_events       BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN last_late_ms      BIGINT;
ALTER TABLE devices ADD COLUMN last_late_day     BIGINT;
