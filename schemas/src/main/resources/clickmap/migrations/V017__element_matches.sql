-- The chains an element filter matched, per environment and filter: a trend with an element filter reads its set
-- from here (chain_hash GLOBAL IN a subquery) instead of from a literal in its statement, which ClickHouse 18.16
-- would lex and parse on every computation (about 10 ms for 12,500 hashes). Whether a filter matches a chain never
-- changes, so rows are only ever added: the stats API stores a filter's matches when it first finds them and the
-- matches of chains added since whenever the environment's chain count changes. filter_hash names the filter and
-- the version of the matching rules (see ChainCatalog); a set stored twice folds into one as parts merge.
CREATE TABLE IF NOT EXISTS {database}.element_matches (
    team_id Int64,
    filter_hash UInt64,
    chain_hash UInt64
) ENGINE = ReplacingMergeTree
ORDER BY (team_id, filter_hash, chain_hash);
