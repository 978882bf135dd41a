package io.clickmap.api.stats;

import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The texts of the chains a rollup page names by hash: from {@link ChainTextCache}, else from
 * {@code element_chains}, else from the events of the query's window — a chain's {@code element_chains} row may
 * not be written yet when its rollup row is (the materialized views of one insert are filled one after another).
 * Hashes go to ClickHouse {@value #HASHES_PER_LOOKUP} at a time, in unsigned order so that each lookup reads one
 * stretch of the table's key, which keeps a 999,999-row page far below {@code max_query_size}. A hash found
 * nowhere is absent from the answer; only texts actually read are remembered.
 */
@Singleton
class ChainTextLookup {
    static final int HASHES_PER_LOOKUP = 10_000;
    private static final SqlTemplate FROM_CHAINS = SqlTemplate.of("""
            SELECT chain_hash, any(chain) AS chain_text
            FROM element_chains
            WHERE team_id = {team} AND chain_hash IN ({hashes})
            GROUP BY chain_hash""");
    private static final SqlTemplate FROM_EVENTS = SqlTemplate.of("""
            SELECT cityHash64(elements_chain) AS chain_hash, any(elements_chain) AS chain_text
            FROM events
            WHERE team_id = {team} AND toDate(timestamp) >= {first_day} AND toDate(timestamp) <= {last_day}
              AND elements_chain != '' AND cityHash64(elements_chain) IN ({hashes})
            GROUP BY chain_hash""");

    private final ClickHouseSql sql;
    private final ChainTextCache cache;

    ChainTextLookup(ClickHouseSql sql, ChainTextCache cache) {
        this.sql = sql;
        this.cache = cache;
    }

    Map<Long, String> texts(StatsQuery query, Collection<Long> hashes, ServerTiming timing) {
        Map<Long, String> texts = new HashMap<>(hashes.size() * 2);
        List<Long> missing = cache.known(hashes, texts);
        if (missing.isEmpty()) {
            return texts;
        }
        missing.sort(Long::compareUnsigned);
        readInChunks(list -> FROM_CHAINS.bind("team", query.environmentId()).bind("hashes", list).render(), missing, texts, timing);
        missing = missing(missing, texts);
        readInChunks(list -> FROM_EVENTS.bind("team", query.environmentId())
                .bind("first_day", query.range().firstDay())
                .bind("last_day", query.range().lastDay())
                .bind("hashes", list)
                .render(), missing, texts, timing);
        return texts;
    }

    private static List<Long> missing(List<Long> hashes, Map<Long, String> found) {
        return hashes.stream().filter(hash -> !found.containsKey(hash)).toList();
    }

    private void readInChunks(Function<Fragment, String> lookup, List<Long> hashes, Map<Long, String> texts, ServerTiming timing) {
        for (int from = 0; from < hashes.size(); from += HASHES_PER_LOOKUP) {
            List<Long> chunk = hashes.subList(from, Math.min(hashes.size(), from + HASHES_PER_LOOKUP));
            // Hashes come from ClickHouse as unsigned 64-bit numbers; written back as such, never from input.
            Fragment list = new Fragment(chunk.stream().map(Long::toUnsignedString).collect(Collectors.joining(", ")));
            long started = System.nanoTime();
            sql.query(lookup.apply(list), row -> {
                long hash = Long.parseUnsignedLong(row.get("chain_hash").asText());
                String chain = row.get("chain_text").asText();
                texts.put(hash, chain);
                cache.remember(hash, chain);
                return null;
            });
            timing.addClickHouse(System.nanoTime() - started);
        }
    }
}
