package io.clickmap.api.stats;

import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        String ranking = RollupSql.ranking(query);
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
