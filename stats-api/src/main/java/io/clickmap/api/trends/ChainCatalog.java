package io.clickmap.api.trends;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.Arrays;

/**
 * Which of an environment's distinct elements chains an element filter matches, found in Java by decoding each
 * chain of the side table the daily rollup keeps. A filter's matches are kept while the environment's number of
 * distinct chains is unchanged: the set only grows, so an unchanged count means no chain was added, by this
 * instance or another, and no match is missed. Only the matching hashes are kept (8 bytes each), bounded by
 * {@link TrendsConfig#trendsChainCacheBytes()}.
 */
@Singleton
class ChainCatalog {
    private static final SqlTemplate COUNT = SqlTemplate.of("SELECT uniqExact(chain_hash) AS chains FROM element_chains WHERE team_id = {team}");
    private static final SqlTemplate CHAINS = SqlTemplate.of("SELECT chain_hash, any(chain) AS chain FROM element_chains WHERE team_id = {team} "
            + "GROUP BY chain_hash");

    private record Key(long environmentId, ElementFilter filter) {
    }

    /** The hashes (ClickHouse's UInt64, in a long) a filter matched among {@code chains} distinct chains. */
    private record Matched(long chains, long[] hashes) {
    }

    private final ClickHouseSql sql;
    private final Cache<Key, Matched> matches;

    ChainCatalog(ClickHouseSql sql, TrendsConfig config) {
        this.sql = sql;
        this.matches = Caffeine.newBuilder().maximumWeight(config.trendsChainCacheBytes())
                .weigher((Key key, Matched matched) -> 64 + 8 * matched.hashes().length).build();
    }

    /** How many distinct chains the environment has now: what a kept match is valid for. */
    long chains(long environmentId, ServerTiming timing) {
        return timing.clickHouse(() -> sql.query(COUNT.bind("team", environmentId).render(), row -> row.get("chains").asLong())).get(0);
    }

    /** The hashes of the chains the filter matches, as of {@code chains} distinct chains. */
    long[] matching(long environmentId, long chains, ElementFilter filter, ServerTiming timing) {
        Key key = new Key(environmentId, filter);
        Matched held = matches.getIfPresent(key);
        if (held != null && held.chains() == chains) {
            return held.hashes();
        }
        Hashes found = new Hashes();
        timing.clickHouse(() -> sql.query(CHAINS.bind("team", environmentId).render(), row -> {
            // Rows are mapped as they stream in: no chain is held once matched.
            if (filter.matches(ChainDecoder.decode(row.get("chain").asText()))) {
                found.add(Long.parseUnsignedLong(row.get("chain_hash").asText()));
            }
            return Boolean.TRUE;
        }));
        long[] hashes = found.toArray();
        matches.put(key, new Matched(chains, hashes));
        return hashes;
    }

    /** A growing list of hashes, without boxing each. */
    private static final class Hashes {
        private long[] values = new long[256];
        private int size;

        void add(long hash) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = hash;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
