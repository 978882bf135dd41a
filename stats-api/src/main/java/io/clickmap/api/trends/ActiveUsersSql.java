package io.clickmap.api.trends;

import io.clickmap.api.query.FilterSql;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.time.Instant;

/**
 * The statement of one active-users series (dau, weekly or monthly active) whose plan reads every day it counts from
 * {@code active_users_daily} ({@link TrendsPlan#activeUsers}). The days' states are merged per bucket across days and
 * events — never summed — so an id active on several days or in several events of a bucket counts once, exactly as
 * {@code uniqExact(cityHash64(distinct_id))} over the events. A trailing window repeats each day's state into the
 * buckets whose window holds it. Every statement runs on ClickHouse 18.16 and current releases; values reach it only
 * as literals.
 */
final class ActiveUsersSql {
    private static final SqlTemplate PER_BUCKET = SqlTemplate.of("""
            SELECT {bucket} AS bucket, {none} AS value, uniqExactMerge(users) AS total
            FROM active_users_daily
            WHERE {where}
            GROUP BY bucket, value""");
    private static final SqlTemplate TRAILING = SqlTemplate.of("""
            SELECT bucket, value, uniqExactMerge(users) AS total
            FROM (SELECT users, {none} AS value, arrayJoin(arrayMap(i -> toUInt32({bucket} + i * 86400), range({days}))) AS bucket
                  FROM active_users_daily
                  WHERE {where})
            WHERE bucket >= {first} AND bucket <= {last}
            GROUP BY bucket, value""");
    private static final SqlTemplate PER_VALUE = SqlTemplate.of("""
            SELECT {none} AS value, uniqExactMerge(users) AS total
            FROM active_users_daily
            WHERE {where}
            GROUP BY value""");
    private static final SqlTemplate WHERE = SqlTemplate.of("team_id = {team} AND day >= {first} AND day <= {last} AND {events} AND {conditions}");
    private static final Fragment NO_BREAKDOWN = new Fragment(SqlLiteral.render(TrendsSql.NO_BREAKDOWN));

    private ActiveUsersSql() {
    }

    /** What every statement reads: the environment, the series' events and event-name condition, the plan's days. */
    record Scope(long environmentId, TrendsSeries series, Condition condition, TrendsPlan.Days days) {
    }

    /** (bucket, value, total) rows: the distinct ids of each bucket's days. */
    static String perBucket(TrendsInterval interval, Scope scope) {
        return PER_BUCKET.bind("bucket", Fragment.code(interval.bucketSql("day"))).bind("none", NO_BREAKDOWN).bind("where", where(scope)).render();
    }

    /**
     * (bucket, value, total) rows by day: the distinct ids of the {@code days} up to and including each bucket from
     * {@code first} to {@code last}; the plan's days reach back to the first bucket's lead-in.
     */
    static String trailing(Scope scope, int days, Instant first, Instant last) {
        return TRAILING.bind("none", NO_BREAKDOWN)
                .bind("bucket", Fragment.code(TrendsInterval.DAY.bucketSql("day")))
                .bind("days", days)
                .bind("where", where(scope))
                .bind("first", first.getEpochSecond())
                .bind("last", last.getEpochSecond())
                .render();
    }

    /** (value, total) rows: the distinct ids of all the plan's days. */
    static String perValue(Scope scope) {
        return PER_VALUE.bind("none", NO_BREAKDOWN).bind("where", where(scope)).render();
    }

    private static Fragment where(Scope scope) {
        return WHERE.bind("team", scope.environmentId())
                .bind("first", scope.days().first())
                .bind("last", scope.days().last())
                .bind("events", FilterSql.eventIs(scope.series().events()))
                .bind("conditions", ConditionSql.onActiveUsersRollup(scope.condition()))
                .fragment();
    }
}
