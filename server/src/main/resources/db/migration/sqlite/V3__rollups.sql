-- Reports read rollups maintained at ingest, in the transaction that stores the events, never the events.

-- One row per device and local day (Asia/Ho_Chi_Minh) of corrected time; day is the epoch day. Events whose
-- time is unknown count under day -1000000 until a clock measurement of their boot places them, and are then
-- moved. Slots as in vn.kiosk06.server.store.Rollup; assist_A_G = field assists of activity A (0 VNeID level 2,
-- 1 BHYT integration, 2 e-health book, 3 online service) for age group G (0 under 6, 1 6–13, 2 14+).
CREATE TABLE rollup_daily (
    device       INTEGER NOT NULL REFERENCES devices(id),
    day          INTEGER NOT NULL,
    events       INTEGER NOT NULL DEFAULT 0,
    bhyt         INTEGER NOT NULL DEFAULT 0,
    fee          INTEGER NOT NULL DEFAULT 0,
    codes        INTEGER NOT NULL DEFAULT 0,
    payments     INTEGER NOT NULL DEFAULT 0,
    payments_vnd INTEGER NOT NULL DEFAULT 0,
    reads_ok     INTEGER NOT NULL DEFAULT 0,
    reads_failed INTEGER NOT NULL DEFAULT 0,
    assist_0_0 INTEGER NOT NULL DEFAULT 0, assist_0_1 INTEGER NOT NULL DEFAULT 0, assist_0_2 INTEGER NOT NULL DEFAULT 0,
    assist_1_0 INTEGER NOT NULL DEFAULT 0, assist_1_1 INTEGER NOT NULL DEFAULT 0, assist_1_2 INTEGER NOT NULL DEFAULT 0,
    assist_2_0 INTEGER NOT NULL DEFAULT 0, assist_2_1 INTEGER NOT NULL DEFAULT 0, assist_2_2 INTEGER NOT NULL DEFAULT 0,
    assist_3_0 INTEGER NOT NULL DEFAULT 0, assist_3_1 INTEGER NOT NULL DEFAULT 0, assist_3_2 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, device)
) WITHOUT ROWID;

-- Distinct citizens per device and day (citizen = first 8 bytes of the keyed hash), for the "unique citizens"
-- figure, which does not add up across days or units and so is counted DISTINCT at query time.
CREATE TABLE rollup_citizens (
    day     INTEGER NOT NULL,
    device  INTEGER NOT NULL,
    citizen INTEGER NOT NULL,
    PRIMARY KEY (day, device, citizen)
) WITHOUT ROWID;

-- Fleet view: the last upload, the backlog the latest heartbeat reported, and late arrivals (events whose
-- corrected day was already more than a day old when they reached the server).
ALTER TABLE devices ADD COLUMN last_sync_ms      INTEGER;
ALTER TABLE devices ADD COLUMN backlog           INTEGER;
ALTER TABLE devices ADD COLUMN late_events       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN last_late_ms      INTEGER;
ALTER TABLE devices ADD COLUMN last_late_day     INTEGER;
