package io.clickmap.api.trends;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.Element;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Every distinct elements chain of an environment, decoded, for matching element filters in Java. Read from the
 * side table the daily rollup keeps and held while the number of distinct chains is unchanged: the set only
 * grows, so an unchanged count means no chain was added, by this instance or another, and a match is never
 * missed. Bounded by the chains' total length ({@link TrendsConfig#chainCacheChars()}).
 */
@Singleton
class ChainCatalog {
    private static final SqlTemplate COUNT = SqlTemplate.of("SELECT uniqExact(chain_hash) AS chains FROM element_chains WHERE team_id = {team}");
    private static final SqlTemplate CHAINS = SqlTemplate.of("SELECT chain_hash, any(chain) AS chain FROM element_chains WHERE team_id = {team} "
            + "GROUP BY chain_hash");

    /** The chains as of one count: hashes (as ClickHouse's UInt64, in a long) and their decoded elements, index by index. */
    record Chains(long count, long[] hashes, List<List<Element>> elements, long chars) {
    }

    private final ClickHouseSql sql;
    private final Cache<Long, Chains> byEnvironment;

    ChainCatalog(ClickHouseSql sql, TrendsConfig config) {
        this.sql = sql;
        this.byEnvironment = Caffeine.newBuilder().maximumWeight(config.chainCacheChars())
                .weigher((Long environment, Chains chains) -> (int) Math.min(Integer.MAX_VALUE, chains.chars())).build();
    }

    Chains of(long environmentId, ServerTiming timing) {
        long count = timing.clickHouse(() -> sql.query(COUNT.bind("team", environmentId).render(), row -> row.get("chains").asLong())).get(0);
        Chains held = byEnvironment.getIfPresent(environmentId);
        if (held != null && held.count() == count) {
            return held;
        }
        List<long[]> hashes = new ArrayList<>();
        List<List<Element>> elements = new ArrayList<>();
        long[] chars = {0};
        timing.clickHouse(() -> sql.query(CHAINS.bind("team", environmentId).render(), row -> {
            String chain = row.get("chain").asText();
            hashes.add(new long[] {Long.parseUnsignedLong(row.get("chain_hash").asText())});
            elements.add(ChainDecoder.decode(chain));
            chars[0] += chain.length();
            return null;
        }));
        long[] flat = new long[hashes.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = hashes.get(i)[0];
        }
        Chains loaded = new Chains(count, flat, elements, chars[0]);
        byEnvironment.put(environmentId, loaded);
        return loaded;
    }
}
