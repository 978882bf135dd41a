-- Toolbar tokens: what a launch link carries so that the toolbar on a user's own page can read one environment's
-- element stats and values for a short while. Only the SHA-256 (hex) of a token is stored, never the token.
-- `key_id` is the API key that launched it ('' when the admin CLI did): the token is refused once that key is
-- revoked or gone. Times are microseconds since the epoch. Revoking writes a newer version of the same token hash
-- with `revoked` = 1 (one INSERT … SELECT revokes every token of an environment); reads take the newest version.
CREATE TABLE IF NOT EXISTS {database}.toolbar_tokens (
    token_hash String,
    team_id Int64,
    key_id String,
    created_at Int64,
    expires_at Int64,
    revoked UInt8,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY token_hash;
