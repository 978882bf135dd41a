package io.clickmap.api.stats;

import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the daily rollup for whole days and from the events table only for a partial last day, then
 * looks up the text of just the returned chains ({@link ChainTextLookup}). Reads O(chains × days) narrow
 * integer rows instead of every click. Page-URL filters are evaluated on the distinct URLs
 * ({@code element_urls}) with the same predicate the raw path applies to {@code events.current_url}, so both
 * paths count exactly the same events.
 */
@Singleton
class RollupStorage implements StatsStorage {
    private static final Logger LOG = LoggerFactory.getLogger(RollupStorage.class);

    private final ClickHouseSql sql;
    private final ChainTextLookup chainTexts;

    RollupStorage(ClickHouseSql sql, ChainTextLookup chainTexts) {
        this.sql = sql;
        this.chainTexts = chainTexts;
    }

    @Override
    public List<StatsRow> fetch(StatsQuery query, ServerTiming timing) {
        String ranking = RollupSql.ranking(query);
        long started = System.nanoTime();
        List<StatsRow> counted = sql.query(ranking, row -> new StatsRow(
                row.get("total").asLong(), Long.parseUnsignedLong(row.get("chain_hash").asText()), row.get("event").asText(), null));
        timing.addClickHouse(System.nanoTime() - started);
        if (counted.isEmpty()) {
            return counted;
        }
        Map<Long, String> chains = chainTexts.texts(query, counted.stream().map(StatsRow::chainHash).collect(Collectors.toSet()), timing);
        List<StatsRow> rows = new ArrayList<>(counted.size());
        for (StatsRow row : counted) {
            String chain = chains.get(row.chainHash());
            if (chain == null) {
                LOG.warn("Chain {} of environment {} is in the rollup but its text is neither in element_chains nor in the window's events",
                        row.hashHex(), query.environmentId());
            }
            rows.add(new StatsRow(row.count(), row.chainHash(), row.event(), chain));
        }
        return rows;
    }
}
