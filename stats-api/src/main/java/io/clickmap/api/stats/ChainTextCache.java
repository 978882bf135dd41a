package io.clickmap.api.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Chain texts by their cityHash64, bounded by {@code clickmap.chain-cache-bytes}. A hash always names the same
 * text (it is computed from it), so entries never go stale; keeping the popular ones here spares the rollup
 * path most lookups in {@code element_chains}, whose granules hold thousands of long strings each.
 */
@Singleton
class ChainTextCache {
    private final Cache<Long, String> texts;

    ChainTextCache(StatsConfig config) {
        this.texts = Caffeine.newBuilder()
                .maximumWeight(config.chainCacheBytes())
                .weigher((Long hash, String chain) -> chain.length() + 48)
                .build();
    }

    /** Puts the known texts among these hashes into {@code found}; returns the hashes whose text is not known. */
    List<Long> known(Collection<Long> hashes, Map<Long, String> found) {
        List<Long> unknown = new ArrayList<>();
        for (Long hash : hashes) {
            String chain = texts.getIfPresent(hash);
            if (chain != null) {
                found.put(hash, chain);
            } else {
                unknown.add(hash);
            }
        }
        return unknown;
    }

    void remember(long hash, String chain) {
        texts.put(hash, chain);
    }
}
