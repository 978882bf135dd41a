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
            SELECT {bucket} AS bucket, {value} AS value, {aggregate} AS total
            FROM events {sample}
            WHERE {where}
            GROUP BY bucket, value""");
    private static final SqlTemplate TRAILING = SqlTemplate.of("""
            SELECT bucket, value, uniqExact(uid) AS total
            FROM (SELECT cityHash64(distinct_id) AS uid, {value} AS value, arrayJoin(arrayMap(i -> toUInt32({bucket} + i * {step}), range({repeats}))) AS bucket
                  FROM events {sample}
                  WHERE {where})
            WHERE bucket >= {first} AND bucket <= {last}
            GROUP BY bucket, value""");
    private static final SqlTemplate PER_VALUE = SqlTemplate.of("""
            SELECT {value} AS value, {aggregate} AS total
            FROM events {sample}
            WHERE {where}
            GROUP BY value""");
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
        return PER_BUCKET.bind("bucket", Fragment.code(interval.bucketSql("timestamp")))
                .bind("value", scope.value())
                .bind("aggregate", aggregate(series.math()))
                .bind("sample", Sampling.clause(scope.sampling()))
                .bind("where", where(series, scope, scope.from()))
                .render();
    }

    /**
     * Distinct ids over the {@code days} up to and including each bucket, for buckets from {@code first} to
     * {@code last}: events from {@code days - 1} days before {@code first} count.
     */
    static String trailing(TrendsSeries series, TrendsInterval interval, Scope scope, int days, Instant first, Instant last) {
        long step = interval.seconds();
        long repeats = days * 86_400L / step;
        return TRAILING.bind("value", scope.value())
                .bind("bucket", Fragment.code(interval.bucketSql("timestamp")))
                .bind("step", step)
                .bind("repeats", repeats)
                .bind("sample", Sampling.clause(scope.sampling()))
                .bind("where", where(series, scope, first.minusSeconds((repeats - 1) * step)))
                .bind("first", first.getEpochSecond())
                .bind("last", last.getEpochSecond())
                .render();
    }

    static String perValue(TrendsSeries series, Scope scope) {
        return PER_VALUE.bind("value", scope.value())
                .bind("aggregate", aggregate(series.math()))
                .bind("sample", Sampling.clause(scope.sampling()))
                .bind("where", where(series, scope, scope.from()))
                .render();
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

    private static Fragment aggregate(TrendsMath math) {
        return switch (math) {
            case TOTAL -> Fragment.code("count()");
            // Ids are counted by their 64-bit hash, three times faster than by their text (which uniqExact hashes
            // too, to 128 bits); two ids of one environment share a hash about once in 10^9 at 200,000 users.
            case DAU, WEEKLY_ACTIVE, MONTHLY_ACTIVE -> Fragment.code("uniqExact(cityHash64(distinct_id))");
            // An event without a session id is '' here: one session per bucket, as the spec counts them.
            case UNIQUE_SESSION -> Fragment.code("uniqExact(cityHash64(property_values[indexOf(property_keys, '$session_id')]))");
        };
    }
}
