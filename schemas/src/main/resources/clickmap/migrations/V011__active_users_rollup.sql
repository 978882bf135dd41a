-- The daily sketch of active users: per environment, day and event, the exact set of its distinct ids (by their
-- cityHash64, as trends count them) kept as a uniqExact state. States merge exactly, so any union of days and events
-- counts each id once: uniqExactMerge(users) over them is the uniqExact(cityHash64(distinct_id)) of their events.
-- A materialized view sees only inserts made after it exists: events stored before this migration was applied
-- (its schema_migrations.applied_at) are not in it, and trends read their days from events.
-- The view's new names (day, users) are no column of events: on 18.16 such an alias would also replace that column
-- elsewhere in the view (see V002).
CREATE TABLE IF NOT EXISTS {database}.active_users_daily (
    team_id Int64,
    day Date,
    event String,
    users AggregateFunction(uniqExact, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (team_id, day, event);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.active_users_daily_mv TO {database}.active_users_daily AS
SELECT team_id, toDate(timestamp) AS day, event, uniqExactState(cityHash64(distinct_id)) AS users
FROM {database}.events
GROUP BY team_id, day, event;
