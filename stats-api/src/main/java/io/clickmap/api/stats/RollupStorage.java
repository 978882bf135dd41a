package io.clickmap.api.stats;

import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the daily rollup for whole days and from the events table only for a partial last day, then
 * looks up the text of just the returned chains. Reads O(chains × days) narrow integer rows instead of every
 * click. Page-URL filters are evaluated on the distinct URLs ({@code element_urls}) with the same predicate
 * the raw path applies to {@code events.current_url}, so both paths count exactly the same events.
 */
@Singleton
class RollupStorage implements StatsStorage {
    private static final Logger LOG = LoggerFactory.getLogger(RollupStorage.class);
    // Grouping by the chain hash alone (one column per event type, unfolded afterwards by ARRAY JOIN) keeps the
    // aggregation key a single UInt64; grouping by (hash, event String) made ClickHouse 18.16 3× slower.
    private static final SqlTemplate RANKING = SqlTemplate.of("""
            SELECT chain_hash, event, total
            FROM (SELECT chain_hash, {sum_columns} FROM ({parts}) GROUP BY chain_hash)
            ARRAY JOIN [{columns}] AS total, [{events}] AS event
            WHERE total > 0
            ORDER BY total DESC, chain_hash ASC, event ASC
            LIMIT {limit} OFFSET {offset}""");
    private static final SqlTemplate RANKING_WHOLE_DAYS = SqlTemplate.of("""
            SELECT chain_hash, event, total
            FROM ({whole_days})
            ARRAY JOIN [{columns}] AS total, [{events}] AS event
            WHERE total > 0
            ORDER BY total DESC, chain_hash ASC, event ASC
            LIMIT {limit} OFFSET {offset}""");
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
    private static final SqlTemplate CHAINS = SqlTemplate.of("""
            SELECT chain_hash, any(chain) AS chain_text
            FROM element_chains
            WHERE team_id = {team} AND chain_hash IN ({hashes})
            GROUP BY chain_hash""");

    private final ClickHouseSql sql;
    private final ChainTextCache chainTexts;

    RollupStorage(ClickHouseSql sql, ChainTextCache chainTexts) {
        this.sql = sql;
        this.chainTexts = chainTexts;
    }

    @Override
    public List<StatsRow> fetch(StatsQuery query, ServerTiming timing) {
        List<String> events = query.events();
        String ranking = query.range().lastDayIsWhole()
                ? RANKING_WHOLE_DAYS.bind("whole_days", wholeDays(query, query.range().lastDay()))
                        .bind("columns", columns(events.size()))
                        .bind("events", FilterSql.list(events))
                        .bind("limit", query.limit() + 1)
                        .bind("offset", query.offset())
                        .render()
                : RANKING.bind("sum_columns", perEvent(events, (event, column) -> SUM.bind("column", column).render()))
                        .bind("parts", parts(query))
                        .bind("columns", columns(events.size()))
                        .bind("events", FilterSql.list(events))
                        .bind("limit", query.limit() + 1)
                        .bind("offset", query.offset())
                        .render();
        long started = System.nanoTime();
        List<StatsRow> counted = sql.query(ranking, row -> new StatsRow(
                row.get("total").asLong(), Long.parseUnsignedLong(row.get("chain_hash").asText()), row.get("event").asText(), null));
        timing.addClickHouse(System.nanoTime() - started);
        if (counted.isEmpty()) {
            return counted;
        }
        Map<Long, String> chains = chains(query.environmentId(), counted, timing);
        List<StatsRow> rows = new ArrayList<>(counted.size());
        for (StatsRow row : counted) {
            String chain = chains.get(row.chainHash());
            if (chain == null) {
                LOG.warn("Chain {} of environment {} is in the rollup but not in element_chains", row.hashHex(), query.environmentId());
                chain = "";
            }
            rows.add(new StatsRow(row.count(), row.chainHash(), row.event(), chain));
        }
        return rows;
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

    /** The texts of these rows' chains: from the cache where known, the rest in one lookup. */
    private Map<Long, String> chains(long environmentId, List<StatsRow> rows, ServerTiming timing) {
        Set<Long> wanted = rows.stream().map(StatsRow::chainHash).collect(Collectors.toSet());
        Map<Long, String> chains = new HashMap<>(chainTexts.known(wanted));
        wanted.removeAll(chains.keySet());
        if (wanted.isEmpty()) {
            return chains;
        }
        // Hashes come from ClickHouse as unsigned 64-bit numbers; written back as such, never from input.
        Fragment hashes = new Fragment(wanted.stream().map(Long::toUnsignedString).collect(Collectors.joining(", ")));
        long started = System.nanoTime();
        sql.query(CHAINS.bind("team", environmentId).bind("hashes", hashes).render(), row -> {
            long hash = Long.parseUnsignedLong(row.get("chain_hash").asText());
            String chain = row.get("chain_text").asText();
            chains.put(hash, chain);
            chainTexts.remember(hash, chain);
            return null;
        });
        timing.addClickHouse(System.nanoTime() - started);
        return chains;
    }
}
