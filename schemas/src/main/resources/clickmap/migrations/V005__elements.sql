-- Elements created through the CRUD API: PostHog's element objects with an id, per environment.
-- Rows are versioned (ReplacingMergeTree, read with FINAL): an update writes the whole element again with
-- a newer version; a delete writes a tombstone (deleted = 1) with the highest version there is, so no write
-- racing the delete can bring the element back. 18.16 has no Nullable(Array): has_attr_class tells null (0)
-- from [] (1). Attributes are two parallel arrays, in the order they were sent.
CREATE TABLE IF NOT EXISTS {database}.elements (
    team_id Int64,
    id Int64,
    text Nullable(String),
    tag_name Nullable(String),
    attr_class Array(String),
    has_attr_class UInt8,
    href Nullable(String),
    attr_id Nullable(String),
    nth_child Nullable(Int32),
    nth_of_type Nullable(Int32),
    attribute_keys Array(String),
    attribute_values Array(String),
    element_order Nullable(Int32),
    deleted UInt8,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (team_id, id);
