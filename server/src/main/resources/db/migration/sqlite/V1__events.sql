-- Devices are interned to a small integer so the events' primary key stays compact.
CREATE TABLE devices (
    id            INTEGER PRIMARY KEY,
    device_id     TEXT    NOT NULL UNIQUE,
    watermark     INTEGER NOT NULL DEFAULT 0,  -- every seq up to here is stored or quarantined
    max_seq       INTEGER NOT NULL DEFAULT 0,  -- highest seq received
    events_stored INTEGER NOT NULL DEFAULT 0,
    quarantined   INTEGER NOT NULL DEFAULT 0,
    app_version   TEXT    NOT NULL DEFAULT '',
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL
);

-- One row per (device, seq), written once. body is the Event exactly as the device sent it.
CREATE TABLE events (
    device      INTEGER NOT NULL REFERENCES devices(id),
    seq         INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    wall_ms     INTEGER NOT NULL,
    boot_id     BLOB    NOT NULL,
    mono_ns     INTEGER NOT NULL,
    received_ms INTEGER NOT NULL,
    body        BLOB    NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;

-- Malformed events, kept with the reason they were refused.
CREATE TABLE quarantine (
    device      INTEGER NOT NULL REFERENCES devices(id),
    seq         INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    received_ms INTEGER NOT NULL,
    body        BLOB    NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;

-- NTP-style measurements of each device's clock, per boot (t0 device send, t1 server receive,
-- t2 server transmit, t3 device receive; all ms).
CREATE TABLE clock_samples (
    device  INTEGER NOT NULL REFERENCES devices(id),
    boot_id BLOB    NOT NULL,
    mono_ns INTEGER NOT NULL,
    t0      INTEGER NOT NULL,
    t1      INTEGER NOT NULL,
    t2      INTEGER NOT NULL,
    t3      INTEGER NOT NULL,
    PRIMARY KEY (device, boot_id, mono_ns)
) WITHOUT ROWID;
