-- How each insight is shared, per environment. Every write request (enable, settings, refresh, a password
-- added or removed) inserts one whole row: the sharing state after the write, so it lands whole or not at all;
-- the current state is the insight's highest version. Times are microseconds since the epoch. `settings` is
-- the JSON object as stored ('' for none). Passwords are parallel arrays (18.16 has no Nullable(Array) and no
-- tuples worth the trouble): id, bcrypt hash (never the password), note, when and by whom. Tokens replaced by
-- a refresh stay valid until their `retired_until`, in parallel arrays too.
CREATE TABLE IF NOT EXISTS {database}.insight_sharing (
    team_id Int64,
    insight_id Int64,
    version UInt64,
    created_at Int64,
    enabled UInt8,
    access_token String,
    settings String,
    password_required UInt8,
    password_ids Array(String),
    password_hashes Array(String),
    password_notes Array(String),
    password_created_at Array(Int64),
    password_created_by Array(Int64),
    retired_tokens Array(String),
    retired_until Array(Int64),
    written_by Int64,
    activity String
) ENGINE = MergeTree
ORDER BY (team_id, insight_id, version);

-- Which insight a token belongs to, keyed by the token, so the shared page and token reads find it without a
-- scan. Filled by the view from every sharing row (a token repeats in each version; replacing merges fold
-- the repeats). A token is random (22 bytes), so it names one insight of one environment.
CREATE TABLE IF NOT EXISTS {database}.insight_sharing_tokens (
    access_token String,
    team_id Int64,
    insight_id Int64
) ENGINE = ReplacingMergeTree
ORDER BY access_token;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.insight_sharing_tokens_mv TO {database}.insight_sharing_tokens AS
SELECT access_token, team_id, insight_id
FROM {database}.insight_sharing;
