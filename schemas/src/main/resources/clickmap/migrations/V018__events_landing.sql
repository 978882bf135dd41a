-- Ingest inserts into events_landing, a Null table: it keeps nothing, and every table that does keep clicks,
-- events itself and each rollup, is filled from it by a view of its own. The rollups' views used to read events.
-- On a cluster an insert retried after a replica died between storing a part of events and the parts of its views
-- was then dropped whole: events knew the part, and ClickHouse does not run the views of a part it drops, so the
-- clicks stayed in events and never reached the rollups. Now every replicated table judges its own part of a
-- retry: what it holds is dropped, what it lacks is stored.
-- A rollup that sums counts carries dedup_token, the highest hash of the Kafka coordinates a row counts. Without
-- it, two different inserts with the same counts (one click each on the same page, say) would make the same part,
-- and the second would be dropped as a retry of the first. Sets (chains, URLs, daily ids) need none: dropping a
-- part equal to one already held loses nothing. dedup_token is neither key nor sum: merges keep any of its values.
-- Apply this with ingest stopped: clicks an older ingest writes straight into events once the old views are gone
-- reach no rollup. Nothing is lost meanwhile, since ingest's rows wait in Kafka.
CREATE TABLE IF NOT EXISTS {database}.events_landing (
    uuid UUID,
    team_id Int64,
    event String,
    timestamp DateTime('UTC'),
    distinct_id String,
    current_url String,
    elements_chain String,
    properties String,
    property_keys Array(String),
    property_values Array(String),
    kafka_topic String,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime('UTC') DEFAULT now()
) ENGINE = Null;

ALTER TABLE {database}.element_clicks_daily ADD COLUMN dedup_token UInt64;
ALTER TABLE {database}.chainless_clicks_daily ADD COLUMN dedup_token UInt64;
ALTER TABLE {database}.clicks_daily ADD COLUMN dedup_token UInt64;
ALTER TABLE {database}.chain_clicks_daily ADD COLUMN dedup_token UInt64;

DROP TABLE IF EXISTS {database}.element_clicks_daily_mv;
DROP TABLE IF EXISTS {database}.element_chains_mv;
DROP TABLE IF EXISTS {database}.element_urls_mv;
DROP TABLE IF EXISTS {database}.chainless_clicks_daily_mv;
DROP TABLE IF EXISTS {database}.clicks_daily_mv;
DROP TABLE IF EXISTS {database}.daily_ids_mv;
DROP TABLE IF EXISTS {database}.chain_clicks_daily_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.events_from_landing TO {database}.events AS
SELECT uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties, property_keys, property_values,
       kafka_topic, kafka_partition, kafka_offset, inserted_at
FROM {database}.events_landing;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.element_clicks_daily_from_landing TO {database}.element_clicks_daily AS
SELECT team_id, toDate(timestamp) AS day, event, cityHash64(current_url) AS url_hash,
       cityHash64(elements_chain) AS chain_hash, count() AS count,
       max(cityHash64(kafka_topic, kafka_partition, kafka_offset)) AS dedup_token
FROM {database}.events_landing
WHERE elements_chain != ''
GROUP BY team_id, day, event, url_hash, chain_hash;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.element_chains_from_landing TO {database}.element_chains AS
SELECT team_id, cityHash64(elements_chain) AS chain_hash, any(elements_chain) AS chain
FROM {database}.events_landing
WHERE elements_chain != ''
GROUP BY team_id, chain_hash;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.element_urls_from_landing TO {database}.element_urls AS
SELECT team_id, cityHash64(current_url) AS url_hash, any(current_url) AS url
FROM {database}.events_landing
WHERE elements_chain != ''
GROUP BY team_id, url_hash;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.chainless_clicks_daily_from_landing TO {database}.chainless_clicks_daily AS
SELECT team_id, toDate(timestamp) AS day, event, current_url AS url, count() AS count,
       max(cityHash64(kafka_topic, kafka_partition, kafka_offset)) AS dedup_token
FROM {database}.events_landing
WHERE elements_chain = ''
GROUP BY team_id, day, event, url;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.clicks_daily_from_landing TO {database}.clicks_daily AS
SELECT team_id, toDate(timestamp) AS day, event, current_url AS url, count() AS count,
       max(cityHash64(kafka_topic, kafka_partition, kafka_offset)) AS dedup_token
FROM {database}.events_landing
GROUP BY team_id, day, event, url;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.daily_ids_from_landing TO {database}.daily_ids AS
SELECT team_id, toDate(timestamp) AS day, event, cityHash64(distinct_id) AS id_hash
FROM {database}.events_landing
GROUP BY team_id, day, event, id_hash;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.chain_clicks_daily_from_landing TO {database}.chain_clicks_daily AS
SELECT team_id, event, toDate(timestamp) AS day, cityHash64(elements_chain) AS chain_hash, count() AS count,
       max(cityHash64(kafka_topic, kafka_partition, kafka_offset)) AS dedup_token
FROM {database}.events_landing
WHERE elements_chain != ''
GROUP BY team_id, event, day, chain_hash;
