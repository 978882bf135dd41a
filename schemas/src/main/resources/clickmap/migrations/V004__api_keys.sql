-- Personal API keys, stored only as SHA-256 hashes. A key reaches every environment when
-- all_environments = 1, else those listed. Revoking writes a newer version with revoked = 1.
CREATE TABLE IF NOT EXISTS {database}.api_keys (
    id String,
    key_hash String,
    label String,
    scopes Array(String),
    all_environments UInt8,
    environments Array(Int64),
    created_at DateTime('UTC'),
    revoked UInt8,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY key_hash;
