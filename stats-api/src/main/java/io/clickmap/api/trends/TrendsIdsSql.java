package io.clickmap.api.trends;

import io.clickmap.api.query.FilterSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement of a distinct-id series (dau, weekly and monthly active users) whose plan reads whole days from
 * {@code daily_ids}: the ids of those days as stored there and the ids of the plan's other times hashed from
 * {@code events}, one stream of (bucket, id hash) rows, counted with {@code uniqExact} per bucket. Distinct counts
 * do not add up across parts, so the parts are not counted apart and summed as the click rollups' are: their ids
 * are counted together, and an id seen in both is counted once. Counted in the same slices of the hash as
 * {@link TrendsSql} counts them, so both paths do the same work per id. Every statement runs on ClickHouse 18.16 and
 * current releases; values reach it only as literals.
 */
final class TrendsIdsSql {
    private static final SqlTemplate STORED = SqlTemplate.of("""
            SELECT {bucket} AS event_bucket, id_hash AS uid
            FROM daily_ids
            WHERE team_id = {team} AND ({days}) AND {events} AND {conditions}""");
    private static final SqlTemplate HASHED = SqlTemplate.of("""
            SELECT {bucket} AS event_bucket, cityHash64(distinct_id) AS uid
            FROM events
            WHERE team_id = {team} AND timestamp >= {from} AND timestamp <= {to} AND ({times}) AND {events} AND {conditions}""");
    private static final SqlTemplate PER_BUCKET = SqlTemplate.of("""
            SELECT bucket, value, sum(part) AS total
            FROM (SELECT event_bucket AS bucket, {value} AS value, bitShiftRight(uid, {slice_bits}) AS slice, uniqExact(uid) AS part
                  FROM ({ids})
                  GROUP BY bucket, value, slice)
            GROUP BY bucket, value""");
    /** Each id in every bucket whose trailing window holds it; no lambda, which cannot name a column of a UNION ALL on 18.16. */
    private static final SqlTemplate TRAILING = SqlTemplate.of("""
            SELECT bucket, value, sum(part) AS total
            FROM (SELECT bucket, value, bitShiftRight(uid, {slice_bits}) AS slice, uniqExact(uid) AS part
                  FROM (SELECT uid, {value} AS value, toUInt32(event_bucket + arrayJoin(range({repeats})) * {step}) AS bucket
                        FROM ({ids}))
                  WHERE bucket >= {first} AND bucket <= {last}
                  GROUP BY bucket, value, slice)
            GROUP BY bucket, value""");
    private static final SqlTemplate PER_VALUE = SqlTemplate.of("""
            SELECT value, sum(part) AS total
            FROM (SELECT {value} AS value, bitShiftRight(uid, {slice_bits}) AS slice, uniqExact(uid) AS part
                  FROM ({ids})
                  GROUP BY value, slice)
            GROUP BY value""");
    private static final Fragment ONE_BUCKET = Fragment.code("toUInt32(0)");

    private TrendsIdsSql() {
    }

    /** (bucket, value, total) rows: each bucket's distinct ids. */
    static String perBucket(TrendsSeries series, TrendsInterval interval, TrendsSql.Scope scope, Fragment conditions, TrendsPlan plan) {
        return PER_BUCKET.bind("value", scope.value()).bind("slice_bits", TrendsSql.SLICE_BITS)
                .bind("ids", ids(series, interval, scope, conditions, plan)).render();
    }

    /** (bucket, value, total) rows: the distinct ids of the {@code repeats} buckets up to each bucket from {@code first} to {@code last}. */
    static String trailing(TrendsSeries series, TrendsInterval interval, TrendsSql.Scope scope, Fragment conditions, TrendsPlan plan,
                           long repeats, Instant first, Instant last) {
        return TRAILING.bind("value", scope.value()).bind("slice_bits", TrendsSql.SLICE_BITS)
                .bind("ids", ids(series, interval, scope, conditions, plan))
                .bind("step", interval.seconds()).bind("repeats", repeats)
                .bind("first", first.getEpochSecond()).bind("last", last.getEpochSecond())
                .render();
    }

    /** (value, total) rows: the distinct ids of the whole plan. */
    static String perValue(TrendsSeries series, TrendsSql.Scope scope, Fragment conditions, TrendsPlan plan) {
        return PER_VALUE.bind("value", scope.value()).bind("slice_bits", TrendsSql.SLICE_BITS)
                .bind("ids", ids(series, ONE_BUCKET, ONE_BUCKET, scope, conditions, plan)).render();
    }

    private static Fragment ids(TrendsSeries series, TrendsInterval interval, TrendsSql.Scope scope, Fragment conditions, TrendsPlan plan) {
        return ids(series, Fragment.code(interval.bucketSql("day")), Fragment.code(interval.bucketSql("timestamp")), scope, conditions, plan);
    }

    /** The plan's ids as (event_bucket, uid) rows, bucketed by {@code dayBucket} in daily_ids and {@code timeBucket} in events. */
    private static Fragment ids(TrendsSeries series, Fragment dayBucket, Fragment timeBucket, TrendsSql.Scope scope, Fragment conditions,
                                TrendsPlan plan) {
        Fragment events = FilterSql.eventIs(series.events());
        List<String> parts = new ArrayList<>(2);
        parts.add(STORED.bind("bucket", dayBucket)
                .bind("team", scope.environmentId())
                .bind("days", TrendsRollupSql.days(plan))
                .bind("events", events).bind("conditions", conditions).render());
        List<TrendsPlan.Times> times = plan.rawTimes();
        if (!times.isEmpty()) {
            parts.add(HASHED.bind("bucket", timeBucket)
                    .bind("team", scope.environmentId())
                    .bind("from", times.get(0).from()).bind("to", times.get(times.size() - 1).to())
                    .bind("times", TrendsRollupSql.times(plan))
                    .bind("events", events).bind("conditions", conditions).render());
        }
        return new Fragment(String.join("\nUNION ALL\n", parts));
    }
}
