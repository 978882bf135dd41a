package io.clickmap.api.stats;

import io.clickmap.api.query.FilterSql;
import io.clickmap.api.query.Sampling;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Answers from the events table: one {@code GROUP BY elements_chain, event} over the window. Costs time in
 * proportion to the events scanned; the only path for sampling ({@code SAMPLE f}) and for filters on
 * properties other than the page URL.
 */
@Singleton
class RawStorage implements StatsStorage {
    private static final SqlTemplate QUERY = SqlTemplate.of("""
            SELECT elements_chain AS chain_text, cityHash64(elements_chain) AS chain_hash, event, count() AS clicks
            FROM events {sample}
            WHERE team_id = {team}
              AND toDate(timestamp) >= {first_day} AND toDate(timestamp) <= {last_day}
              AND timestamp >= {from} AND timestamp <= {to}
              AND {event_is}
              AND elements_chain != ''
              AND {filters}
            GROUP BY elements_chain, event
            ORDER BY clicks DESC, chain_hash ASC, event ASC
            LIMIT {limit} OFFSET {offset}""");

    private final ClickHouseSql sql;

    RawStorage(ClickHouseSql sql) {
        this.sql = sql;
    }

    @Override
    public List<StatsRow> fetch(StatsQuery query, ServerTiming timing) {
        String statement = QUERY
                .bind("sample", Sampling.clause(query.samplingFactor()))
                .bind("team", query.environmentId())
                .bind("first_day", query.range().firstDay())
                .bind("last_day", query.range().lastDay())
                .bind("from", query.range().from())
                .bind("to", query.range().to())
                .bind("event_is", FilterSql.eventIs(query.events()))
                .bind("filters", FilterSql.all(query.filters(),
                        filter -> filter.isOnCurrentUrl() ? FilterSql.EVENT_URL : FilterSql.eventProperty(filter.key())))
                .bind("limit", query.limit() + 1)
                .bind("offset", query.offset())
                .render();
        long started = System.nanoTime();
        List<StatsRow> rows = sql.query(statement, row -> new StatsRow(
                row.get("clicks").asLong(),
                Long.parseUnsignedLong(row.get("chain_hash").asText()),
                row.get("event").asText(),
                row.get("chain_text").asText()));
        timing.addClickHouse(System.nanoTime() - started);
        return rows;
    }

    /** The factor was range-checked when parsed; written as a plain decimal, which every ClickHouse accepts. */
}
