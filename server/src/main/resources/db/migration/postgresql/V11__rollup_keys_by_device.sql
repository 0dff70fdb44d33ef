-- PostgreSQL twin of db/migration/sqlite/V11__rollup_keys_by_device.sql: here the rollup tables' keys have led
-- with the device since V3, so there is nothing to change. The file keeps the two engines' versions in step.
SELECT 1;
