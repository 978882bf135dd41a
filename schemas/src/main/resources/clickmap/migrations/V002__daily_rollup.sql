-- The daily rollup: clicks per environment, day, event, page and chain. Pages and chains are keyed by
-- their cityHash64 so a 30-day scan reads narrow integer columns; each distinct URL and chain is kept
-- once per environment in a side table and looked up only for the rows a query returns or filters on.
-- (Side-table columns are named chain/url, not after the events columns: on 18.16 an alias equal to a
-- column name would also replace that column in the view's WHERE.)
CREATE TABLE IF NOT EXISTS {database}.element_clicks_daily (
    team_id Int64,
    day Date,
    event String,
    url_hash UInt64,
    chain_hash UInt64,
    count UInt64
) ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(day)
ORDER BY (team_id, day, event, url_hash, chain_hash);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.element_clicks_daily_mv TO {database}.element_clicks_daily AS
SELECT team_id, toDate(timestamp) AS day, event, cityHash64(current_url) AS url_hash,
       cityHash64(elements_chain) AS chain_hash, count() AS count
FROM {database}.events
WHERE elements_chain != ''
GROUP BY team_id, day, event, url_hash, chain_hash;

CREATE TABLE IF NOT EXISTS {database}.element_chains (
    team_id Int64,
    chain_hash UInt64,
    chain String
) ENGINE = ReplacingMergeTree
ORDER BY (team_id, chain_hash);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.element_chains_mv TO {database}.element_chains AS
SELECT team_id, cityHash64(elements_chain) AS chain_hash, any(elements_chain) AS chain
FROM {database}.events
WHERE elements_chain != ''
GROUP BY team_id, chain_hash;

CREATE TABLE IF NOT EXISTS {database}.element_urls (
    team_id Int64,
    url_hash UInt64,
    url String
) ENGINE = ReplacingMergeTree
ORDER BY (team_id, url_hash);

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.element_urls_mv TO {database}.element_urls AS
SELECT team_id, cityHash64(current_url) AS url_hash, any(current_url) AS url
FROM {database}.events
WHERE elements_chain != ''
GROUP BY team_id, url_hash;
