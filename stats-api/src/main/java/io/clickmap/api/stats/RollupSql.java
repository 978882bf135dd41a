package io.clickmap.api.stats;

import io.clickmap.api.query.DateRange;
import io.clickmap.api.query.FilterSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The SQL of the rollup path, rendered from a query: whole days from {@code element_clicks_daily}, a partial
 * last day from {@code events}, page-URL filters on {@code element_urls}. Pure: values enter only through
 * {@link SqlTemplate} bindings and {@link FilterSql}.
 */
final class RollupSql {
    // Grouping by the chain hash alone (one column per event type, unfolded afterwards by ARRAY JOIN) keeps the
    // aggregation key a single UInt64; grouping by (hash, event String) made ClickHouse 18.16 3× slower.
    private static final SqlTemplate RANKING = SqlTemplate.of("""
            SELECT chain_hash, event, total
            FROM ({by_chain})
            ARRAY JOIN [{columns}] AS total, [{events}] AS event
            WHERE total > 0
            ORDER BY total DESC, chain_hash ASC, event ASC
            LIMIT {limit} OFFSET {offset}""");
    private static final SqlTemplate WHOLE_AND_PARTIAL_DAYS = SqlTemplate.of(
            "SELECT chain_hash, {sum_columns} FROM ({parts}) GROUP BY chain_hash");
    private static final SqlTemplate WHOLE_DAYS = SqlTemplate.of("""
            SELECT chain_hash, {counts}
            FROM element_clicks_daily
            WHERE team_id = {team} AND day >= {first_day} AND day <= {last_day}
              AND {event_is}
              AND {urls}
            GROUP BY chain_hash""");
    private static final SqlTemplate URLS = SqlTemplate.of(
            "url_hash IN (SELECT url_hash FROM element_urls WHERE team_id = {team} AND {filters})");
    private static final SqlTemplate PARTIAL_DAY = SqlTemplate.of("""
            SELECT cityHash64(elements_chain) AS chain_hash, {counts}
            FROM events
            WHERE team_id = {team} AND toDate(timestamp) = {day}
              AND timestamp >= {from} AND timestamp <= {to}
              AND {event_is}
              AND elements_chain != ''
              AND {filters}
            GROUP BY chain_hash""");
    private static final SqlTemplate COUNT_IF = SqlTemplate.of("countIf(event = {event}) AS {column}");
    private static final SqlTemplate SUM_IF = SqlTemplate.of("sumIf(count, event = {event}) AS {column}");
    private static final SqlTemplate SUM = SqlTemplate.of("sum({column}) AS {column}");
    // With one event type (the default) the WHERE clause already selects it: no per-row condition needed.
    private static final String ONLY_COUNT = "count() AS e0";
    private static final String ONLY_SUM = "sum(count) AS e0";

    private RollupSql() {
    }

    /** Up to {@code limit + 1} (chain_hash, event, total) rows, in the API's order. */
    static String ranking(StatsQuery query) {
        List<String> events = query.events();
        Fragment byChain = query.range().lastDayIsWhole()
                ? wholeDays(query, query.range().lastDay())
                : WHOLE_AND_PARTIAL_DAYS.bind("sum_columns", perEvent(events, (event, column) -> SUM.bind("column", column).render()))
                        .bind("parts", parts(query))
                        .fragment();
        return RANKING.bind("by_chain", byChain)
                .bind("columns", columns(events.size()))
                .bind("events", FilterSql.list(events))
                .bind("limit", query.limit() + 1)
                .bind("offset", query.offset())
                .render();
    }

    /** Whole days from the rollup and the partial last day from the events, each grouped by chain hash. */
    private static Fragment parts(StatsQuery query) {
        DateRange range = query.range();
        List<String> parts = new ArrayList<>(2);
        LocalDate lastWholeDay = range.lastDay().minusDays(1);
        if (!lastWholeDay.isBefore(range.firstDay())) {
            parts.add(wholeDays(query, lastWholeDay).sql());
        }
        parts.add(PARTIAL_DAY.bind("team", query.environmentId())
                .bind("counts", query.events().size() == 1 ? Fragment.code(ONLY_COUNT)
                        : perEvent(query.events(), (event, column) -> COUNT_IF.bind("event", event).bind("column", column).render()))
                .bind("day", range.lastDay())
                .bind("from", DateRange.startOf(range.lastDay()))
                .bind("to", range.to())
                .bind("event_is", FilterSql.eventIs(query.events()))
                .bind("filters", FilterSql.all(query.filters(), filter -> FilterSql.EVENT_URL))
                .render());
        return new Fragment(String.join("\nUNION ALL\n", parts));
    }

    private static Fragment wholeDays(StatsQuery query, LocalDate lastDay) {
        return WHOLE_DAYS.bind("team", query.environmentId())
                .bind("counts", query.events().size() == 1 ? Fragment.code(ONLY_SUM)
                        : perEvent(query.events(), (event, column) -> SUM_IF.bind("event", event).bind("column", column).render()))
                .bind("first_day", query.range().firstDay())
                .bind("last_day", lastDay)
                .bind("event_is", FilterSql.eventIs(query.events()))
                .bind("urls", urlCondition(query))
                .fragment();
    }

    /** One aggregate per included event, named e0, e1, … in the order of {@code events}. */
    private static Fragment perEvent(List<String> events, BiFunction<String, Fragment, String> aggregate) {
        List<String> aggregates = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            aggregates.add(aggregate.apply(events.get(i), Fragment.code("e" + i)));
        }
        return new Fragment(String.join(", ", aggregates));
    }

    private static Fragment columns(int count) {
        List<String> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            columns.add("e" + i);
        }
        return new Fragment(String.join(", ", columns));
    }

    /** Page-URL filters, evaluated once per distinct URL of the environment. */
    private static Fragment urlCondition(StatsQuery query) {
        if (query.filters().isEmpty()) {
            return Fragment.code("1");
        }
        return URLS.bind("team", query.environmentId()).bind("filters", FilterSql.all(query.filters(), filter -> FilterSql.ROLLUP_URL)).fragment();
    }

}
