-- SQLite twin of db/migration/postgresql/V14__rollup_log.sql: the SQLite store is the only writer of its file and
-- extends its in-memory rollups after each commit, so it needs no change log. The file keeps the two engines'
-- versions in step.
SELECT 1;
