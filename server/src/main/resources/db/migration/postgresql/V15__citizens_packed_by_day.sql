-- Issue 16.3: a device-day's distinct citizens become one value on its rollup_daily row instead of a row each in
-- rollup_citizens. A B-tree insert per (device, day, citizen) was half of what maintaining the rollups cost the
-- store's writer; the round now writes each touched (device, day) row once, counters and citizens together.
-- citizens: the citizen keys ascending, 8 bytes each, big-endian (vn.kiosk06.server.store.PackedCitizens, and
-- int8send here); NULL when nobody was served. Keys are hashes and do not compress, so no compression attempt.

ALTER TABLE rollup_daily ADD COLUMN citizens BYTEA;
ALTER TABLE rollup_daily ALTER COLUMN citizens SET STORAGE EXTERNAL;

-- A citizen row always has its day row (both come from the same event); a store edited by hand might not.
INSERT INTO rollup_daily (device, day) SELECT DISTINCT device, day FROM rollup_citizens
    ON CONFLICT (device, day) DO NOTHING;

UPDATE rollup_daily r SET citizens = c.packed
FROM (SELECT device, day, string_agg(int8send(citizen), ''::bytea ORDER BY citizen) AS packed
      FROM rollup_citizens GROUP BY device, day) c
WHERE r.device = c.device AND r.day = c.day;

DROP TABLE rollup_citizens;
