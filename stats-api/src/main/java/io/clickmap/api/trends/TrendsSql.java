package io.clickmap.api.trends;

import io.clickmap.api.query.FilterSql;
import io.clickmap.api.query.Sampling;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import io.clickmap.clickhouse.SqlTemplate;
import java.time.Instant;
import java.util.List;

/**
 * The statements of one series over one window, straight over {@code events}: counts per bucket and breakdown
 * value (or per value alone for total-value displays). A trailing-window math (weekly / monthly active) counts
 * each event in every bucket whose window holds it, by repeating its bucket forwards with {@code arrayJoin}.
 * Every statement runs on ClickHouse 18.16 and current releases; values reach it only as literals.
 */
final class TrendsSql {
    /** The value a row has when the query has no breakdown. */
    static final String NO_BREAKDOWN = "";

    private static final SqlTemplate WHERE = SqlTemplate.of("team_id = {team} AND timestamp >= {from} AND timestamp <= {to} AND {events} "
            + "AND {conditions}{test_accounts}");
    private static final SqlTemplate PER_BUCKET = SqlTemplate.of("""
            SELECT {bucket} AS bucket, {value} AS value, count() AS total
            FROM events {sample}
            WHERE {where}
            GROUP BY bucket, value""");
    /** A distinct count per bucket and value as the sum of its slices' (the id hash's top bits); {@link #SLICE_BITS} says why. */
    private static final SqlTemplate SLICED_PER_BUCKET = SqlTemplate.of("""
            SELECT bucket, value, sum(part) AS total
            FROM (SELECT {bucket} AS bucket, {value} AS value, bitShiftRight({id}, {slice_bits}) AS slice, uniqExact({id}) AS part
                  FROM events {sample}
                  WHERE {where}
                  GROUP BY bucket, value, slice)
            GROUP BY bucket, value""");
    private static final SqlTemplate TRAILING = SqlTemplate.of("""
            SELECT bucket, value, sum(part) AS total
            FROM (SELECT bucket, value, bitShiftRight(uid, {slice_bits}) AS slice, uniqExact(uid) AS part
                  FROM (SELECT {id} AS uid, {value} AS value, arrayJoin(arrayMap(i -> toUInt32({bucket} + i * {step}), range({repeats}))) AS bucket
                        FROM events {sample}
                        WHERE {where})
                  WHERE bucket >= {first} AND bucket <= {last}
                  GROUP BY bucket, value, slice)
            GROUP BY bucket, value""");
    private static final SqlTemplate PER_VALUE = SqlTemplate.of("""
            SELECT {value} AS value, count() AS total
            FROM events {sample}
            WHERE {where}
            GROUP BY value""");
    private static final SqlTemplate SLICED_PER_VALUE = SqlTemplate.of("""
            SELECT value, sum(part) AS total
            FROM (SELECT {value} AS value, bitShiftRight({id}, {slice_bits}) AS slice, uniqExact({id}) AS part
                  FROM events {sample}
                  WHERE {where}
                  GROUP BY value, slice)
            GROUP BY value""");
    /**
     * Distinct ids are counted in 32 slices of their hash's range, which are disjoint, so the slices' counts add up
     * to the bucket's exactly. Each slice's set is a 32nd of the bucket's and stays in the CPU's cache, and rows come
     * sorted by the hash within a day (the table's key), one slice after another: 10 M events' 30-day dau took
     * 355 ms on 18.16 here instead of 500.
     */
    static final int SLICE_BITS = 59;
    private static final SqlTemplate PROPERTY = SqlTemplate.of("property_values[indexOf(property_keys, {key})]");
    private static final SqlTemplate NORMALISED_URL = SqlTemplate.of("replaceRegexpOne(replaceRegexpOne({url}, '[?#].*$', ''), '(.)/+$', '\\\\1')");
    private static final SqlTemplate OR_NONE = SqlTemplate.of("if({value} = '', {none}, {value})");
    private static final SqlTemplate FOLDED = SqlTemplate.of("if({value} IN ({kept}), {value}, {other})");
    private static final SqlTemplate NOT_INTERNAL = SqlTemplate.of(" AND distinct_id NOT IN ({ids})");

    private TrendsSql() {
    }

    /** What one statement needs besides the series: the window, the shared parts of the WHERE clause, the grouping value. */
    record Scope(long environmentId, Instant from, Instant to, Fragment conditions, Fragment value, List<String> internalIds, double sampling) {
    }

    static String perBucket(TrendsSeries series, TrendsInterval interval, Scope scope) {
        SqlTemplate.Binding statement = (series.math().isDistinct() ? SLICED_PER_BUCKET : PER_BUCKET)
                .bind("bucket", Fragment.code(interval.bucketSql("timestamp")))
                .bind("value", scope.value())
                .bind("sample", Sampling.clause(scope.sampling()))
                .bind("where", where(series, scope, scope.from()));
        return sliced(statement, series.math()).render();
    }

    /**
     * Distinct ids over the {@code days} up to and including each bucket, for buckets from {@code first} to
     * {@code last}: events from {@code days - 1} days before {@code first} count.
     */
    static String trailing(TrendsSeries series, TrendsInterval interval, Scope scope, int days, Instant first, Instant last) {
        long step = interval.seconds();
        long repeats = days * 86_400L / step;
        return sliced(TRAILING.bind("value", scope.value())
                .bind("bucket", Fragment.code(interval.bucketSql("timestamp")))
                .bind("step", step)
                .bind("repeats", repeats)
                .bind("sample", Sampling.clause(scope.sampling()))
                .bind("where", where(series, scope, first.minusSeconds((repeats - 1) * step)))
                .bind("first", first.getEpochSecond())
                .bind("last", last.getEpochSecond()), series.math())
                .render();
    }

    static String perValue(TrendsSeries series, Scope scope) {
        SqlTemplate.Binding statement = (series.math().isDistinct() ? SLICED_PER_VALUE : PER_VALUE)
                .bind("value", scope.value())
                .bind("sample", Sampling.clause(scope.sampling()))
                .bind("where", where(series, scope, scope.from()));
        return sliced(statement, series.math()).render();
    }

    /** The breakdown value of an event: the property (the URL column for {@code $current_url}), the null sentinel when absent or empty. */
    static Fragment breakdownValue(Breakdown breakdown) {
        if (breakdown == null) {
            return new Fragment(SqlLiteral.render(NO_BREAKDOWN));
        }
        Fragment raw = breakdown.property().equals("$current_url") ? Fragment.code("current_url")
                : PROPERTY.bind("key", breakdown.property()).fragment();
        if (breakdown.normalizeUrl()) {
            raw = NORMALISED_URL.bind("url", raw).fragment();
        }
        return OR_NONE.bind("value", raw).bind("none", Breakdown.NONE).fragment();
    }

    /** The breakdown value with every value but {@code kept} folded into the other sentinel. */
    static Fragment folded(Fragment value, List<String> kept) {
        return FOLDED.bind("value", value).bind("kept", FilterSql.list(kept)).bind("other", Breakdown.OTHER).fragment();
    }

    private static Fragment where(TrendsSeries series, Scope scope, Instant from) {
        return WHERE.bind("team", scope.environmentId())
                .bind("from", from)
                .bind("to", scope.to())
                .bind("events", FilterSql.eventIs(series.events()))
                .bind("conditions", scope.conditions())
                .bind("test_accounts", scope.internalIds().isEmpty() ? Fragment.EMPTY : NOT_INTERNAL.bind("ids", FilterSql.list(scope.internalIds())).fragment())
                .fragment();
    }

    /** A distinct count's statement with what it counts; a total's as it is. */
    private static SqlTemplate.Binding sliced(SqlTemplate.Binding statement, TrendsMath math) {
        return math.isDistinct() ? statement.bind("id", distinctId(math)).bind("slice_bits", SLICE_BITS) : statement;
    }

    /** What a distinct-counting math counts, as a 64-bit hash. */
    private static Fragment distinctId(TrendsMath math) {
        return switch (math) {
            case TOTAL -> throw new IllegalArgumentException("total counts events, not distinct ids");
            // Ids are counted by their 64-bit hash, three times faster than by their text (which uniqExact hashes
            // too, to 128 bits); two ids of one environment share a hash about once in 10^9 at 200,000 users.
            case DAU, WEEKLY_ACTIVE, MONTHLY_ACTIVE -> Fragment.code("cityHash64(distinct_id)");
            // An event without a session id is '' here: one session per bucket, as the spec counts them.
            case UNIQUE_SESSION -> Fragment.code("cityHash64(property_values[indexOf(property_keys, '$session_id')])");
        };
    }
}
