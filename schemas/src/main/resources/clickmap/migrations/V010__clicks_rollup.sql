-- The compact daily rollup: every click (with a chain or without) per environment, day, event and page URL (as
-- text), so a trend without element filters reads one row per day, event and page instead of one per chain.
-- Its rows are days x events x distinct URLs: a small fraction of element_clicks_daily's.
-- A materialized view sees only inserts made after it exists: events stored before this migration was applied
-- (its schema_migrations.applied_at) are not in it, and trends read their days from elsewhere.
-- The view's new names (day, url) are no column of events: on 18.16 such an alias would also replace that column
-- elsewhere in the view (see V002).
CREATE TABLE IF NOT EXISTS {database}.clicks_daily (
    team_id Int64,
    day Date,
    event String,
    url String,
    count UInt64
) ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(day)
ORDER BY (team_id, day, event, url);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.clicks_daily_mv TO {database}.clicks_daily AS
SELECT team_id, toDate(timestamp) AS day, event, current_url AS url, count() AS count
FROM {database}.events
GROUP BY team_id, day, event, url;
