-- The people behind personal API keys (PostHog's users): insights name them as creator and last editor.
-- Rows are versioned; the newest version of an id wins (read with FINAL). An e-mail belongs to one user,
-- compared case-insensitively; the CLI checks that before it stores a user.
CREATE TABLE IF NOT EXISTS {database}.users (
    id Int64,
    uuid UUID,
    email String,
    first_name String,
    last_name String,
    created_at DateTime('UTC'),
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Every key belongs to a user. Rows stored before this migration read 0 (see the owners below).
ALTER TABLE {database}.api_keys ADD COLUMN user_id Int64 DEFAULT 0;

-- The owners of keys stored before keys had users, with the fixed ids the stats API gives a key whose
-- user_id is 0 (UserIds): the bootstrap user (id 1) for the key with id 'bootstrap', if it exists, and the
-- "legacy keys" user (id 2) for every other, stored always since processes of the previous version may still
-- be storing keys. Version 1, so any later write wins; two processes migrating at once store equal rows.
INSERT INTO {database}.users (id, uuid, email, first_name, last_name, created_at, version)
SELECT 2, toUUID('00000000-0000-4000-8000-000000000002'), 'legacy-keys@clickmap.local', 'Legacy keys', '', now(), 1;

INSERT INTO {database}.users (id, uuid, email, first_name, last_name, created_at, version)
SELECT 1, toUUID('00000000-0000-4000-8000-000000000001'), 'bootstrap@clickmap.local', 'Bootstrap', '', now(), 1
FROM {database}.api_keys WHERE id = 'bootstrap' LIMIT 1;
