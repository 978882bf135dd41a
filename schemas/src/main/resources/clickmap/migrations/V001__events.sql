-- Every stored click. Rows carry their Kafka coordinates: ingest resumes and de-duplicates by them.
-- property_keys/property_values hold the top-level scalar properties, so filters on them are exact
-- (18.16 has no JSONExtract, and visitParam* would also match nested keys).
CREATE TABLE IF NOT EXISTS {database}.events (
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
) ENGINE = MergeTree
PARTITION BY toYYYYMM(timestamp)
ORDER BY (team_id, toDate(timestamp), event, cityHash64(distinct_id))
SAMPLE BY cityHash64(distinct_id);
