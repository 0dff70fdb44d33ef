-- PostgreSQL twin of db/migration/sqlite/V8__voids.sql: which seqs of a device a worker voided. Never an edit of
-- the events table; the reports skip these seqs. A second void of the same target does nothing.
CREATE TABLE voids (
    device     BIGINT NOT NULL REFERENCES devices(id),
    voided_seq BIGINT NOT NULL,
    void_seq   BIGINT NOT NULL,
    PRIMARY KEY (device, voided_seq)
);
