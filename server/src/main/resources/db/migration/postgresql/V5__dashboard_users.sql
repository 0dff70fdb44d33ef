-- Dashboard users, their server-side sessions, log-in throttling and the audit log (issue 7).
-- Plain SQL that SQLite and PostgreSQL both accept, except the audit log's generated key.

-- A person who reads (viewer) or administers (admin) the org-unit subtree under unit_code.
CREATE TABLE dashboard_user (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'viewer')),
    unit_code     VARCHAR(128) NOT NULL,
    -- Argon2id in PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash); never the password.
    password_hash VARCHAR(256) NOT NULL,
    disabled      INTEGER      NOT NULL DEFAULT 0,
    created_ms    BIGINT       NOT NULL
);

-- A logged-in browser. Only the SHA-256 of the cookie's value is stored, so a copy of the database opens no session.
CREATE TABLE dashboard_session (
    id_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_name    VARCHAR(64)  NOT NULL REFERENCES dashboard_user (name),
    csrf_token   VARCHAR(64)  NOT NULL,
    created_ms   BIGINT       NOT NULL,
    last_seen_ms BIGINT       NOT NULL
);
CREATE INDEX dashboard_session_user ON dashboard_session (user_name);

-- Failed log-ins per key ("ip:1.2.3.4" or "name:lan"): after too many, the key is locked until locked_until_ms.
CREATE TABLE login_failure (
    throttle_key    VARCHAR(200) NOT NULL PRIMARY KEY,
    failures        INTEGER      NOT NULL,
    last_failure_ms BIGINT       NOT NULL,
    locked_until_ms BIGINT       NOT NULL
);

-- Who did what, when: log-ins, target and unit edits, user and device administration. Append-only.
CREATE TABLE audit_log (
    id      BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms   BIGINT       NOT NULL,
    actor   VARCHAR(64)  NOT NULL,
    action  VARCHAR(64)  NOT NULL,
    subject VARCHAR(200) NOT NULL,
    detail  VARCHAR(1000) NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at_ms);
