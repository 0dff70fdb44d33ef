-- Tamper evidence: the integrity checker's progress along each device's hash chain, and the breaks it found.
-- Keyed by the device's text id (not the store's interned number) so the same tables work on every engine.

-- How far each device's chain has been checked: every seq up to checked_through was examined; last_hash is the
-- SHA-256 of the stored bytes of event checked_through, last_chained whether that event carried a prev_hash.
CREATE TABLE chain_progress (
    device_id       TEXT    NOT NULL PRIMARY KEY,
    checked_through INTEGER NOT NULL,
    last_hash       BLOB    NOT NULL,
    last_chained    INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL
);

-- One row per event whose link to its predecessor is broken (kind HASH_MISMATCH, CHAIN_DROPPED, UNREADABLE) or
-- cannot be checked because of a gap gap_first..seq-1 (GAP_QUARANTINED, GAP_MISSING). Written with
-- ON CONFLICT DO NOTHING, so several server instances checking at once record each break once.
CREATE TABLE chain_breaks (
    device_id  TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    gap_first  INTEGER NOT NULL,
    detail     TEXT    NOT NULL,
    found_ms   INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq)
);

CREATE INDEX chain_breaks_kind ON chain_breaks (kind);
