-- Devices an admin registered, their one-time enrollment codes and their credentials (issue 7).
-- Only hashes of secrets are stored (SHA-256 hex of a high-entropy random secret): a copy of this table lets
-- nobody enroll or sync. Times are ms since the Unix epoch. Portable SQL: the same file serves PostgreSQL.
CREATE TABLE device_enrollment (
    device_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    unit_code        VARCHAR(64)  NOT NULL,
    registered_at    BIGINT       NOT NULL,
    registered_by    VARCHAR(128) NOT NULL,
    -- The pending code: set by "device add", cleared when used (a code works once).
    code_hash        VARCHAR(64),
    code_expires_at  BIGINT,
    -- The device's credential: set when the code is exchanged.
    credential_hash  VARCHAR(64),
    enrolled_at      BIGINT,
    revoked_at       BIGINT,
    revoked_by       VARCHAR(128)
);

CREATE UNIQUE INDEX device_enrollment_code ON device_enrollment (code_hash);
