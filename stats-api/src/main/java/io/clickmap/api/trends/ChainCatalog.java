package io.clickmap.api.trends;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which of an environment's distinct elements chains an element filter matches, found in Java by decoding each
 * chain of the side table the daily rollup keeps, and stored in {@code element_matches} (V017) for statements to read
 * as a set. A filter's matches are kept while the environment's number of distinct chains is unchanged: the set only
 * grows, so an unchanged count means no chain was added, by this instance or another, and no match is missed. When
 * the count changes the chains are matched again and only the new matches are stored. A set is stored before it is
 * kept, so a kept set is always in the table of the server this service talks to (the one a cluster's stats API keeps
 * to); rows stored by other instances are matches too, so reading them as well changes nothing. Only the matching
 * hashes are kept in memory (8 bytes each), bounded by {@link TrendsConfig#trendsChainCacheBytes()}.
 */
@Singleton
class ChainCatalog {
    /**
     * The version of the matching rules, part of every stored set's name: a change to what a filter matches must
     * raise it, or a set stored under the old rules would be read as this one's.
     */
    static final int MATCHING_RULES = 1;
    /** Hashes per storing statement, to keep each far below {@code max_query_size} (about 20 bytes a hash). */
    static final int STORED_PER_STATEMENT = 100_000;
    private static final SqlTemplate COUNT = SqlTemplate.of("SELECT uniqExact(chain_hash) AS chains FROM element_chains WHERE team_id = {team}");
    private static final SqlTemplate CHAINS = SqlTemplate.of("SELECT chain_hash, any(chain) AS chain FROM element_chains WHERE team_id = {team} "
            + "GROUP BY chain_hash");
    private static final SqlTemplate STORE = SqlTemplate.of("INSERT INTO element_matches (team_id, filter_hash, chain_hash) "
            + "SELECT {team}, {filter}, arrayJoin(CAST({hashes} AS Array(UInt64)))");

    private record Key(long environmentId, ElementFilter filter) {
    }

    /** The hashes (ClickHouse's UInt64, in a long; sorted) a filter matched among {@code chains} distinct chains, and their set's name. */
    private record Matched(long chains, long[] hashes, long filterHash) {
    }

    /** A filter's matches: how many, the name of their set in {@code element_matches}, and the chain count they hold for. */
    record Matches(long filterHash, int count, long chains) {
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

    /** The matches kept for the filter, whatever chain count they were found at; empty when none are kept. */
    Optional<Matches> kept(long environmentId, ElementFilter filter) {
        Matched held = matches.getIfPresent(new Key(environmentId, filter));
        return held == null ? Optional.empty() : Optional.of(new Matches(held.filterHash(), held.hashes().length, held.chains()));
    }

    /** The chains the filter matches as of {@code chains} distinct chains, stored in {@code element_matches}. */
    Matches matching(long environmentId, long chains, ElementFilter filter, ServerTiming timing) {
        Key key = new Key(environmentId, filter);
        Matched held = matches.getIfPresent(key);
        if (held != null && held.chains() == chains) {
            return new Matches(held.filterHash(), held.hashes().length, chains);
        }
        long filterHash = held == null ? filterHash(filter) : held.filterHash();
        Hashes found = new Hashes();
        timing.clickHouse(() -> sql.query(CHAINS.bind("team", environmentId).render(), row -> {
            // Rows are mapped as they stream in: no chain is held once matched.
            if (filter.matches(ChainDecoder.decode(row.get("chain").asText()))) {
                found.add(Long.parseUnsignedLong(row.get("chain_hash").asText()));
            }
            return Boolean.TRUE;
        }));
        long[] hashes = found.toArray();
        Arrays.sort(hashes);
        store(environmentId, filterHash, held == null ? hashes : added(held.hashes(), hashes), timing);
        matches.put(key, new Matched(chains, hashes, filterHash));
        return new Matches(filterHash, hashes.length, chains);
    }

    /**
     * The name of a filter's set: its key, operator and values under these matching rules, hashed (63 bits, so that it
     * is the same number signed and unsigned). Every instance and version with the same rules finds the same set.
     */
    static long filterHash(ElementFilter filter) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("rules " + MATCHING_RULES + "\n" + filter.key().wireName + "\n" + filter.operator().wireName).getBytes(StandardCharsets.UTF_8));
            for (String value : filter.values()) {
                // A value's length before it, so that no two lists of values read as the same bytes.
                digest.update(("\n" + value.length() + ":" + value).getBytes(StandardCharsets.UTF_8));
            }
            return ByteBuffer.wrap(digest.digest()).getLong() & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The hashes of {@code now} (sorted) that {@code before} (sorted) lacks. */
    private static long[] added(long[] before, long[] now) {
        return Arrays.stream(now).filter(hash -> Arrays.binarySearch(before, hash) < 0).toArray();
    }

    private void store(long environmentId, long filterHash, long[] hashes, ServerTiming timing) {
        for (int from = 0; from < hashes.length; from += STORED_PER_STATEMENT) {
            StringBuilder array = new StringBuilder("[");
            for (int i = from; i < Math.min(hashes.length, from + STORED_PER_STATEMENT); i++) {
                array.append(i == from ? "" : ",").append(Long.toUnsignedString(hashes[i]));
            }
            String statement = STORE.bind("team", environmentId).bind("filter", filterHash).bind("hashes", array.append(']').toString()).render();
            timing.clickHouse(() -> {
                sql.execute(statement);
                return null;
            });
        }
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
