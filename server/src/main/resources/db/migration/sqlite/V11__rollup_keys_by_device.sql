-- The rollup tables' keys lead with the device, as on PostgreSQL. A commit round holds a few devices' batches,
-- each covering a run of days: keyed (device, day) its rollup rows and citizen rows sit side by side in a few
-- B-tree pages, where keyed (day, device) they were spread over a page per day, and every one of those pages was
-- written to the WAL and fsynced at each commit (most of what maintaining the rollups cost at ingest).
-- Report reads are served from memory and load the whole tables, so no read depends on the old order.

CREATE TABLE rollup_daily_by_device (
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
    PRIMARY KEY (device, day)
) WITHOUT ROWID;

INSERT INTO rollup_daily_by_device SELECT * FROM rollup_daily;
DROP TABLE rollup_daily;
ALTER TABLE rollup_daily_by_device RENAME TO rollup_daily;

CREATE TABLE rollup_citizens_by_device (
    device  INTEGER NOT NULL,
    day     INTEGER NOT NULL,
    citizen INTEGER NOT NULL,
    PRIMARY KEY (device, day, citizen)
) WITHOUT ROWID;

INSERT INTO rollup_citizens_by_device (device, day, citizen) SELECT device, day, citizen FROM rollup_citizens;
DROP TABLE rollup_citizens;
ALTER TABLE rollup_citizens_by_device RENAME TO rollup_citizens;
