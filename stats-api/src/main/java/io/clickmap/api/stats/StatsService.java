package io.clickmap.api.stats;

import io.clickmap.api.query.RegexProbe;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.chain.ChainTrim;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Answers stats queries: from the cache when an equal query (same environment, normalised parameters, trim)
 * was answered within {@code clickmap.stats-cache-ttl}; else from the storage path {@link StoragePath}
 * chooses, rendered once. Failures and incomplete pages (a chain text missing) are not cached; failures pass through.
 */
@Singleton
class StatsService {
    private record Key(StatsQuery query, ChainTrim trim) {
    }

    private final RollupStorage rollup;
    private final RawStorage raw;
    private final StatsRenderer renderer;
    private final RegexProbe regexProbe;
    private final boolean alwaysRaw;
    private final Cache<Key, StatsPage> pages;

    StatsService(RollupStorage rollup, RawStorage raw, StatsRenderer renderer, RegexProbe regexProbe, StatsConfig config) {
        this.rollup = rollup;
        this.raw = raw;
        this.renderer = renderer;
        this.regexProbe = regexProbe;
        this.alwaysRaw = config.alwaysRaw();
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(config.statsCacheTtl())
                .maximumWeight(config.statsCacheBytes())
                .weigher((Key key, StatsPage page) -> (int) Math.min(Integer.MAX_VALUE, page.length() + 256))
                .build();
    }

    /** The cached page, if an equal query was answered within the cache time. */
    Optional<StatsPage> cached(StatsQuery query, ChainTrim trim) {
        return Optional.ofNullable(pages.getIfPresent(new Key(query, trim)));
    }

    StatsPage page(StatsQuery query, ChainTrim trim, ServerTiming timing) {
        Key key = new Key(query, trim);
        StatsPage cached = pages.getIfPresent(key);
        if (cached != null) {
            timing.note("cache", "hit");
            return cached;
        }
        // Computed outside the cache's lock: a slow query must not hold up other keys. Two equal requests
        // racing may both compute; the answers are the same.
        StatsPage page = compute(query, trim, timing);
        if (page.complete()) {
            pages.put(key, page);
        }
        return page;
    }

    /** One uncached answer through the chosen path. */
    StatsPage compute(StatsQuery query, ChainTrim trim, ServerTiming timing) {
        StoragePath path = StoragePath.choose(query, alwaysRaw);
        timing.note("storage", path.name().toLowerCase(java.util.Locale.ROOT));
        List<StatsRow> rows = fetch(path == StoragePath.ROLLUP ? rollup : raw, query, timing);
        long started = System.nanoTime();
        StatsPage page = renderer.render(rows, query, trim);
        timing.add("render", System.nanoTime() - started);
        return page;
    }

    /** Rows from one storage, whichever the query would choose; the parity test compares both. */
    List<StatsRow> fetch(StoragePath path, StatsQuery query) {
        return fetch(path == StoragePath.ROLLUP ? rollup : raw, query, new ServerTiming());
    }

    private List<StatsRow> fetch(StatsStorage storage, StatsQuery query, ServerTiming timing) {
        try {
            return storage.fetch(query, timing);
        } catch (RuntimeException failure) {
            regexProbe.blameRegexes(query.filters(), failure);
            throw failure;
        }
    }
}
