-- Voids (issue 13 item 4): a worker's correction event naming an earlier seq of the same device. The journal and
-- the events table are never edited; this table says which stored (or not yet stored) seq no report counts.
-- Keyed by the voided seq: a second void of the same target does nothing. The target may arrive after its void
-- (it was quarantined or missing when the void came); it is then stored but never counted.
CREATE TABLE voids (
    device     INTEGER NOT NULL REFERENCES devices(id),
    voided_seq INTEGER NOT NULL,
    void_seq   INTEGER NOT NULL,
    PRIMARY KEY (device, voided_seq)
) WITHOUT ROWID;
