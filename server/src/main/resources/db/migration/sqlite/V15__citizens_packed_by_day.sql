-- Issue 16.3: a device-day's distinct citizens become one value on its rollup_daily row instead of a row each in
-- rollup_citizens. A B-tree insert per (device, day, citizen) was half of what maintaining the rollups cost the
-- store's writer; the round now writes each touched (device, day) row once, counters and citizens together.
-- citizens: the citizen keys ascending, 8 bytes each, big-endian (vn.kiosk06.server.store.PackedCitizens); NULL
-- when nobody was served. printf('%016X') of a negative key is its two's complement, as Java writes it.

ALTER TABLE rollup_daily ADD COLUMN citizens BLOB;

-- A citizen row always has its day row (both come from the same event); a store edited by hand might not.
INSERT INTO rollup_daily (device, day) SELECT DISTINCT device, day FROM rollup_citizens WHERE true
    ON CONFLICT (device, day) DO NOTHING;

UPDATE rollup_daily SET citizens = (
    SELECT unhex(group_concat(printf('%016X', c.citizen), '' ORDER BY c.citizen))
    FROM rollup_citizens c WHERE c.device = rollup_daily.device AND c.day = rollup_daily.day);

DROP TABLE rollup_citizens;
