-- Saved insights, per environment. Every write request inserts one whole row: a new version of the insight
-- (its state after the write), so a write lands whole or not at all, and the versions kept are the insight's
-- history: its activity log is the difference between consecutive versions, written by `written_by` with the
-- `activity` the write was. The current state is each id's highest version. Times are microseconds since the
-- epoch (18.16's DateTime has no fraction). `query` is the JSON object as sent ('' for none); `query_kind` and
-- `source_kind` are its `kind` and `source.kind`, kept apart for the list's `insight` filter. 18.16 has no
-- Nullable(Array): tags are sorted and unique, and an empty array is "no tags".
CREATE TABLE IF NOT EXISTS {database}.insights (
    team_id Int64,
    id Int64,
    version UInt64,
    short_id String,
    name Nullable(String),
    derived_name Nullable(String),
    description Nullable(String),
    query String,
    query_kind String,
    source_kind String,
    insight_order Nullable(Int64),
    deleted UInt8,
    favorited UInt8,
    tags Array(String),
    create_in_folder Nullable(String),
    created_at Int64,
    created_by Int64,
    last_modified_at Int64,
    last_modified_by Int64,
    written_by Int64,
    activity String
) ENGINE = MergeTree
ORDER BY (team_id, id, version);
