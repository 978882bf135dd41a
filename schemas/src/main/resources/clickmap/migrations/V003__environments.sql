-- Environments (PostHog's projects/teams): an id, a name and the project token producers may send
-- instead of team_id. Rows are versioned; the newest version of an id wins (read with FINAL).
CREATE TABLE IF NOT EXISTS {database}.environments (
    id Int64,
    name String,
    token String,
    created_at DateTime('UTC'),
    deleted UInt8,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;
