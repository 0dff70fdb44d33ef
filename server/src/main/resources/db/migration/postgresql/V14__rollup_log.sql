-- Issue 16: every instance serves the report rollups from memory and keeps them current from this log, one row per
-- ingest round that changed rollup_daily or rollup_citizens, written in that round's transaction (see
-- vn.kiosk06.server.store.RollupLog). Ids are dense and in commit order, handed out under an advisory lock, so
-- there is no sequence. Rows older than a few minutes are pruned; the newest is always kept.
CREATE TABLE rollup_log (
    id        BIGINT PRIMARY KEY,
    logged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- RollupChangesCodec's bytes: mostly citizen keys, which are hashes and do not compress, so they are stored
    -- out of line without a compression attempt.
    changes   BYTEA NOT NULL
);
ALTER TABLE rollup_log ALTER COLUMN changes SET STORAGE EXTERNAL;
