-- Keyed hash chain (issue 19): the seq of each device's first keyed link (HMAC under its chain key), 0 while its
-- chain is plain. From that seq on the checker takes a plain link as a break (PLAIN_AFTER_KEYED); before it (devices
-- chained before the keyed chain existed, or without a credential in insecure demo mode) plain links are accepted.
ALTER TABLE chain_progress ADD COLUMN keyed_from BIGINT NOT NULL DEFAULT 0;
