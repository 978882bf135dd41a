-- Alerts on insights, per environment, and their checks. Every write request inserts one whole row into `alerts`:
-- the alert's next version (its state after the write), so a write lands whole or not at all; the current alert is
-- its highest version, and a deletion is a version with `deleted` = 1. The threshold lives in the alert's row (one
-- threshold per alert, as PostHog creates them); '' as `threshold_id` is an alert without one. `check_epoch` is the
-- version at which what a check evaluates last changed (threshold, condition, config, interval, insight, enabled).
-- Every check inserts one row into `alert_checks`, under the epoch it evaluated: the alert's state is its newest
-- check of the current epoch, so a check that raced a write never overrides the write. Times are microseconds since
-- the epoch (18.16's DateTime has no fraction); `condition_type`, `config` and `threshold_configuration` hold
-- PostHog's JSON values as sent. `value` is NULL when the check held no value against the threshold; `reason` is
-- the bound a Firing check found broken, or why an Errored one failed ('' otherwise).
CREATE TABLE IF NOT EXISTS {database}.alerts (
    team_id Int64,
    id String,
    version UInt64,
    check_epoch UInt64,
    insight_id Int64,
    name String,
    enabled UInt8,
    deleted UInt8,
    condition_type String,
    config String,
    calculation_interval String,
    threshold_id String,
    threshold_name String,
    threshold_created_at Int64,
    threshold_configuration String,
    subscribed_users Array(Int64),
    created_at Int64,
    created_by Int64,
    written_by Int64
) ENGINE = MergeTree
ORDER BY (team_id, id, version);

CREATE TABLE IF NOT EXISTS {database}.alert_checks (
    team_id Int64,
    alert_id String,
    checked_at Int64,
    check_epoch UInt64,
    state String,
    value Nullable(Float64),
    reason String,
    next_check_at Int64,
    insight_interval String
) ENGINE = MergeTree
ORDER BY (team_id, alert_id, checked_at);
