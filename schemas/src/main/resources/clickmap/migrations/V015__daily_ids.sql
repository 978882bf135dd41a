-- Who clicked on which day: each environment's distinct (day, event, id hash) — the rows distinct-id math (dau,
-- weekly and monthly active users) counts, without reading and hashing every event's distinct_id text.
-- Distinct within each insert; ReplacingMergeTree folds repeats across inserts as it merges, and until then a
-- repeat is harmless: trends count the hashes with uniqExact, which a duplicate row does not change. The same
-- holds for a block ingest retries.
-- The hash is the one trends count events' ids by (cityHash64 of the text), so both sources agree id for id.
-- A materialized view sees only inserts made after it exists: events stored before this migration was applied
-- (its schema_migrations.applied_at) are not in it, and trends read their days from events.
-- The view's new names (day, id_hash) are no column of events (see V010).
CREATE TABLE IF NOT EXISTS {database}.daily_ids (
    team_id Int64,
    day Date,
    event String,
    id_hash UInt64
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (team_id, day, event, id_hash);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.daily_ids_mv TO {database}.daily_ids AS
SELECT team_id, toDate(timestamp) AS day, event, cityHash64(distinct_id) AS id_hash
FROM {database}.events
GROUP BY team_id, day, event, id_hash;
