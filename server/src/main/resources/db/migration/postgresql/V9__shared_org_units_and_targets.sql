-- Org units, where each device is placed (a DEVICE unit's parent) and targets, in the database every server instance
-- shares (issue 16.2): an admin's edit on one instance is what the next request on any instance reads. Imported once
-- from the CSV files on first start; CSV stays the import/export format. Plain SQL both engines accept.

-- One unit of the tree; the tree's rules (levels, parents, no cycles) are checked in code before every write.
CREATE TABLE org_unit (
    code     VARCHAR(64)  NOT NULL PRIMARY KEY,
    name     VARCHAR(200) NOT NULL,
    level    VARCHAR(16)  NOT NULL,
    parent   VARCHAR(64),
    -- yyyy-MM-dd, the start of the unit's cumulative figures; NULL when not set.
    go_live  VARCHAR(10),
    -- Listing order: the CSV's order, then units in the order they were added.
    position INTEGER      NOT NULL
);

-- A unit's target for one activity and set of age groups (AgeGroup names, sorted, joined with '+').
CREATE TABLE unit_target (
    unit_code      VARCHAR(64) NOT NULL,
    activity       VARCHAR(32) NOT NULL,
    age_groups     VARCHAR(64) NOT NULL,
    denominator    BIGINT      NOT NULL,
    baseline       BIGINT      NOT NULL,
    -- A decimal as text (e.g. 95 or 92.5): exact, the same on both engines.
    target_percent VARCHAR(16) NOT NULL,
    position       INTEGER     NOT NULL,
    PRIMARY KEY (unit_code, activity, age_groups)
);

-- One row per kind of shared state. Every edit raises its version in the edit's transaction, so an instance re-reads
-- the rows only when they changed; 0 means not imported from CSV yet (the first instance to start imports).
CREATE TABLE shared_state (
    name    VARCHAR(32) NOT NULL PRIMARY KEY,
    version BIGINT      NOT NULL
);
INSERT INTO shared_state (name, version) VALUES ('org_units', 0);
INSERT INTO shared_state (name, version) VALUES ('targets', 0);
