-- The daily rollup of the click events without a chain, which element_clicks_daily leaves out: together the
-- two count every click per environment, day, event and page, so trends can read whole days from rollups.
-- Chainless clicks are rare, so the page URL is kept as text: URL filters apply to it directly.
-- A materialized view sees only inserts made after it exists: events stored before this migration was
-- applied (its schema_migrations.applied_at) are not in it, and trends read their days from events.
CREATE TABLE IF NOT EXISTS {database}.chainless_clicks_daily (
    team_id Int64,
    day Date,
    event String,
    url String,
    count UInt64
) ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(day)
ORDER BY (team_id, day, event, url);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.chainless_clicks_daily_mv TO {database}.chainless_clicks_daily AS
SELECT team_id, toDate(timestamp) AS day, event, current_url AS url, count() AS count
FROM {database}.events
WHERE elements_chain = ''
GROUP BY team_id, day, event, url;
