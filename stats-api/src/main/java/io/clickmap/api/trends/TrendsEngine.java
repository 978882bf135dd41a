package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.clickhouse.ClickHouseFailure;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Computes a checked trends query over the environment's events: each series over the window (and the one
 * before it, when comparing) — from the daily rollups where {@link TrendsPlanner} says they give the same counts,
 * else from {@code events} — broken down and folded to the breakdown limit, then shaped into items
 * ({@link TrendsItems}); the {@code trends} entry of {@code Server-Timing} says which (rollup, raw or mixed) and how
 * long ClickHouse took for the counting statements.
 * Every statement runs under the computation's query id with its environment and a number
 * ({@link TrendsCancellation}), so one {@code KILL QUERY} can stop it; a cancelled computation fails as
 * {@link TrendsCancellation#cancelled}. Other ClickHouse failures pass through.
 */
@Singleton
class TrendsEngine {
    private static final SqlTemplate FIRST_EVENT = SqlTemplate.of("SELECT toUInt32(min(timestamp)) AS first, count() AS events FROM events "
            + "WHERE team_id = {team} AND event IN ('$autocapture', '$rageclick', '$dead_click')");

    private final ClickHouseSql sql;
    private final ChainCatalog catalog;
    private final InternalUsers internalUsers;
    private final TrendsPlanner planner;
    private final TrendsCancellation cancellation;
    private final Duration timeout;
    /** Reads the environment's chain count beside the statements ({@link ChainMatches}). */
    private final ExecutorService counter;

    TrendsEngine(ClickHouseSql sql, ChainCatalog catalog, InternalUsers internalUsers, TrendsPlanner planner, TrendsCancellation cancellation,
                 TrendsConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService counter) {
        this.sql = sql;
        this.counter = counter;
        this.catalog = catalog;
        this.internalUsers = internalUsers;
        this.planner = planner;
        this.cancellation = cancellation;
        this.timeout = config.trendsQueryTimeout();
    }

    TrendsComputation compute(long environmentId, TrendsQuery query, JsonNode source, Instant now, String queryId, ServerTiming timing) {
        try (TrendsCancellation.Running running = cancellation.start(environmentId, queryId)) {
            Run run = new Run(running, timing);
            ChainMatches chains = new ChainMatches(catalog, environmentId, timing, counter);
            TrendsComputation computed = compute(environmentId, query, source, now, run, chains);
            if (!chains.confirmed()) {
                // Chains were stored since the kept matches were found: count again with the matches among all of them.
                run.again();
                computed = compute(environmentId, query, source, now, run, chains.recounted());
            }
            timing.note("trends", run.path, run.countingNanos);
            return computed;
        }
    }

    private TrendsComputation compute(long environmentId, TrendsQuery query, JsonNode source, Instant now, Run run, ChainMatches chains) {
        TrendsWindow current = TrendsDateRange.resolve(query.dateFrom(), query.dateTo(), query.explicitDate(), query.interval(), now, run::firstEvent);
        List<TrendsWindow> windows = query.compare() ? List.of(current, current.previous(query.compareTo())) : List.of(current);
        ConditionSql conditions = new ConditionSql(chains);
        List<String> internal = query.filterTestAccounts() ? internalUsers.of(environmentId, run.timing) : List.of();
        List<List<SeriesCounts>> counts = new ArrayList<>();
        boolean hasMore = false;
        int fromRollups = 0;
        for (TrendsWindow window : windows) {
            List<SeriesCounts> perSeries = new ArrayList<>();
            for (TrendsSeries series : query.series()) {
                Condition condition = Condition.both(query.properties(), series.properties());
                TrendsSql.Scope scope = new TrendsSql.Scope(environmentId, window.from(), window.to(), conditions.render(condition),
                        TrendsSql.breakdownValue(query.breakdown()), internal, query.samplingFactor());
                TrendsPlan plan = planner.plan(environmentId, query, series, internal, countedFrom(series, query, window), window.to(), run.timing);
                SeriesCounts all;
                if (plan.rollup() == TrendsPlan.Rollup.DAILY_IDS) {
                    fromRollups++;
                    all = run.fromIds(series, query, window, scope, conditions.onDailyIds(condition), plan);
                } else if (plan.usesRollup()) {
                    fromRollups++;
                    all = run.fromRollups(series, query, window, new TrendsRollupSql.Parts(scope, condition, conditions, query.breakdown() != null, plan));
                } else {
                    all = run.counts(series, query, window, scope);
                }
                Breakdown breakdown = query.breakdown();
                if (breakdown != null && all.values().size() > breakdown.limit()) {
                    hasMore = true;
                    all = fold(run, series, query, window, scope, all, breakdown);
                }
                perSeries.add(SeriesCounts.ordered(all.values()));
            }
            counts.add(perSeries);
        }
        int statements = windows.size() * query.series().size();
        run.path = fromRollups == 0 ? "raw" : fromRollups == statements ? "rollup" : "mixed";
        List<TrendsItem> items = TrendsItems.of(query, source, windows, counts);
        return new TrendsComputation(items, run.statements, current.from(), current.to(), hasMore, now);
    }

    /** Beyond the limit: the rest summed into the other value (counts add up), counted again as one (distinct ones do not), or dropped. */
    private static SeriesCounts fold(Run run, TrendsSeries series, TrendsQuery query, TrendsWindow window, TrendsSql.Scope scope, SeriesCounts all,
                                     Breakdown breakdown) {
        List<String> kept = all.top(breakdown.limit());
        Map<String, double[]> folded = new LinkedHashMap<>();
        kept.forEach(value -> folded.put(value, all.values().get(value)));
        if (breakdown.hideOther()) {
            return new SeriesCounts(folded);
        }
        if (!series.math().isDistinct()) {
            double[] other = null;
            for (Map.Entry<String, double[]> entry : all.values().entrySet()) {
                if (!folded.containsKey(entry.getKey())) {
                    other = other == null ? entry.getValue().clone() : add(other, entry.getValue());
                }
            }
            folded.put(Breakdown.OTHER, other);
            return new SeriesCounts(folded);
        }
        TrendsSql.Scope grouped = new TrendsSql.Scope(scope.environmentId(), scope.from(), scope.to(), scope.conditions(),
                TrendsSql.folded(scope.value(), kept), scope.internalIds(), scope.sampling());
        return run.counts(series, query, window, grouped);
    }

    private static double[] add(double[] sum, double[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
        return sum;
    }

    /** One computation's statements, run in order under numbered query ids, none once it is cancelled. */
    private final class Run {
        private final TrendsCancellation.Running running;
        private final ServerTiming timing;
        private final List<String> statements = new ArrayList<>();
        /** Statements sent, a computation run again included: each gets a query id of its own. */
        private int sent;
        /** ClickHouse's time for the statements that count, apart from the request's other reads, a first run included. */
        private long countingNanos;
        /** Where the series were counted: {@code rollup}, {@code raw} or {@code mixed}. */
        private String path;

        Run(TrendsCancellation.Running running, ServerTiming timing) {
            this.running = running;
            this.timing = timing;
        }

        /** For the computation run again: the statements that stand are the next run's. */
        void again() {
            statements.clear();
        }

        /** When the environment's first click event happened, for {@code date_from: "all"}; null without events. */
        Instant firstEvent() {
            JsonNode row = query(FIRST_EVENT.bind("team", running.environmentId()).render()).get(0);
            return row.get("events").asLong() == 0 ? null : Instant.ofEpochSecond(row.get("first").asLong());
        }

        SeriesCounts counts(TrendsSeries series, TrendsQuery query, TrendsWindow window, TrendsSql.Scope scope) {
            if (query.display() == TrendsDisplay.TOTAL_VALUE) {
                TrendsSql.Scope whole = new TrendsSql.Scope(scope.environmentId(), countedFrom(series, query, window), scope.to(),
                        scope.conditions(), scope.value(), scope.internalIds(), scope.sampling());
                return count(TrendsSql.perValue(series, whole), SeriesCounts.perValue());
            }
            List<Instant> buckets = window.buckets();
            int days = trailingDays(series, query.interval());
            String statement = days > 0
                    ? TrendsSql.trailing(series, query.interval(), scope, days, buckets.get(0), buckets.get(buckets.size() - 1))
                    : TrendsSql.perBucket(series, query.interval(), scope);
            return count(statement, SeriesCounts.perBucket(buckets));
        }

        /** A distinct-id series the plan reads (partly) from {@code daily_ids}; the plan starts where {@link #countedFrom} says. */
        SeriesCounts fromIds(TrendsSeries series, TrendsQuery query, TrendsWindow window, TrendsSql.Scope scope, Fragment idsConditions,
                             TrendsPlan plan) {
            if (query.display() == TrendsDisplay.TOTAL_VALUE) {
                return count(TrendsIdsSql.perValue(series, scope, idsConditions, plan), SeriesCounts.perValue());
            }
            List<Instant> buckets = window.buckets();
            int days = trailingDays(series, query.interval());
            String statement = days > 0
                    ? TrendsIdsSql.trailing(series, query.interval(), scope, idsConditions, plan, days * 86_400L / query.interval().seconds(),
                            buckets.get(0), buckets.get(buckets.size() - 1))
                    : TrendsIdsSql.perBucket(series, query.interval(), scope, idsConditions, plan);
            return count(statement, SeriesCounts.perBucket(buckets));
        }

        /** A series the plan reads (partly) from the rollups: counted math only, so no trailing windows. */
        SeriesCounts fromRollups(TrendsSeries series, TrendsQuery query, TrendsWindow window, TrendsRollupSql.Parts parts) {
            if (query.display() == TrendsDisplay.TOTAL_VALUE) {
                return count(TrendsRollupSql.perValue(series, parts), SeriesCounts.perValue());
            }
            return count(TrendsRollupSql.perBucket(series, query.interval(), parts), SeriesCounts.perBucket(window.buckets()));
        }

        private List<JsonNode> query(String statement) {
            return send(statement, id -> sql.query(statement, id, timeout, row -> row));
        }

        private SeriesCounts count(String statement, SeriesCounts.Tally tally) {
            send(statement, id -> {
                sql.stream(statement, id, timeout, tally);
                return tally;
            });
            return tally.counts();
        }

        private <T> T send(String statement, Function<String, T> underId) {
            if (running.isCancelled()) {
                throw TrendsCancellation.cancelled(running.clientQueryId());
            }
            statements.add(statement);
            String id = running.statementId(++sent);
            long started = System.nanoTime();
            try {
                return timing.clickHouse(() -> underId.apply(id));
            } catch (RuntimeException failure) {
                if (running.isCancelled() || ClickHouseFailure.wasCancelled(failure)) {
                    throw TrendsCancellation.cancelled(running.clientQueryId());
                }
                throw failure;
            } finally {
                countingNanos += System.nanoTime() - started;
            }
        }
    }

    /**
     * The earliest moment whose events the series counts: the window's start, or for weekly and monthly active users by
     * day the start of the trailing window of the first bucket (of the last, for a total-value display).
     */
    private static Instant countedFrom(TrendsSeries series, TrendsQuery query, TrendsWindow window) {
        int days = trailingDays(series, query.interval());
        if (days == 0) {
            return window.from();
        }
        long step = query.interval().seconds();
        long reachBack = (days * 86_400L / step - 1) * step;
        if (query.display() == TrendsDisplay.TOTAL_VALUE) {
            // An active-users total counts the trailing window that ends with the query's end, within the query's window.
            Instant start = query.interval().bucketStart(window.to()).minusSeconds(reachBack);
            return start.isAfter(window.from()) ? start : window.from();
        }
        return window.buckets().get(0).minusSeconds(reachBack);
    }

    /** Weekly and monthly active users look back over days; with week and month buckets they are the bucket's own distinct ids. */
    private static int trailingDays(TrendsSeries series, TrendsInterval interval) {
        return interval.seconds() <= 86_400L ? series.math().trailingDays : 0;
    }
}
