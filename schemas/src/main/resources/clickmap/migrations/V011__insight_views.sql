-- Who viewed which insight, and when last: one logical row per environment, user and insight. A view inserts
-- a row; a later view of the same insight by the same user inserts another, and the newest `viewed_at` wins —
-- merges keep it (ReplacingMergeTree's version), and reads take max(viewed_at) per key, so a read never depends
-- on whether a merge has happened yet. Times are microseconds since the epoch, as in `insights` (18.16's
-- DateTime has no fraction; a version column must be unsigned there).
-- An insight's creation is its creator's first view without a row here: `insights` holds who created it, when.
CREATE TABLE IF NOT EXISTS {database}.insight_views (
    team_id Int64,
    user_id Int64,
    insight_id Int64,
    viewed_at UInt64
) ENGINE = ReplacingMergeTree(viewed_at)
ORDER BY (team_id, user_id, insight_id);
