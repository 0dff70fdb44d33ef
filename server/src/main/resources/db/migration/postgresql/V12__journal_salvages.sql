-- Journal salvages (issue 20 item 2): a device that found its journal damaged at start journals a JournalSalvaged
-- event saying how many events it carried into a fresh journal and which seqs it lost. Kept here, keyed like the
-- event itself, so the dashboard shows it and explains those seqs in the device's gap list ("lost on the device")
-- instead of leaving a mystery gap. Written at ingest, idempotently: a replayed batch changes nothing.
CREATE TABLE journal_salvages (
    device_id    TEXT    NOT NULL,
    seq          BIGINT  NOT NULL,  -- the JournalSalvaged event's own seq
    salvaged     BIGINT  NOT NULL,  -- events carried into the fresh journal
    lost         TEXT    NOT NULL,  -- lost seq ranges, ascending: "101-3101,4000-4000" ('' for none)
    damaged_file TEXT    NOT NULL,  -- the damaged journal kept on the device, for a technician
    reason       TEXT    NOT NULL,
    device_ms    BIGINT  NOT NULL,  -- device wall time of the salvage (uncorrected)
    received_ms  BIGINT  NOT NULL,
    PRIMARY KEY (device_id, seq)
);
