-- Clicks with a chain per environment, event, day and chain, without the page: a trend whose only filters are on
-- the clicked element (and event names) sums these rows instead of element_clicks_daily's, which repeat each chain
-- for every page it was clicked on. The event leads the key, so one series reads one stretch of the table.
-- Clicks without a chain are in chainless_clicks_daily (V009), which trends read beside it.
-- A materialized view sees only inserts made after it exists: events stored before this migration was applied
-- (its schema_migrations.applied_at) are not in it, and trends read their days from elsewhere.
-- The view's new names (day, chain_hash) are no column of events (see V002).
CREATE TABLE IF NOT EXISTS {database}.chain_clicks_daily (
    team_id Int64,
    event String,
    day Date,
    chain_hash UInt64,
    count UInt64
) ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(day)
ORDER BY (team_id, event, day, chain_hash);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.chain_clicks_daily_mv TO {database}.chain_clicks_daily AS
SELECT team_id, event, toDate(timestamp) AS day, cityHash64(elements_chain) AS chain_hash, count() AS count
FROM {database}.events
WHERE elements_chain != ''
GROUP BY team_id, event, day, chain_hash;
