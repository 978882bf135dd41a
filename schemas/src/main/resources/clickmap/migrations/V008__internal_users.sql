-- The distinct ids of an environment's own people (team, testers, monitors): a trends query with
-- filterTestAccounts leaves their events out. One row per change; the newest version of an id says
-- whether it is still listed.
CREATE TABLE IF NOT EXISTS {database}.internal_users (
    team_id Int64,
    distinct_id String,
    removed UInt8,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (team_id, distinct_id);
