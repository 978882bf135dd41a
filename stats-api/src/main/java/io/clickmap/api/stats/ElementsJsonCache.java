package io.clickmap.api.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.chain.ChainTrim;
import jakarta.inject.Singleton;

/**
 * Element arrays already serialised, per chain (by its hash) and trim, bounded by
 * {@code clickmap.element-cache-bytes}. Popular chains appear on page after page; decoding and writing each
 * once keeps the service's own share of a large page small. Only rows that carry their chain's text come here:
 * the hash is computed from that text, so an entry is right for every environment and never goes stale.
 */
@Singleton
class ElementsJsonCache {
    private record Key(long chainHash, ChainTrim trim) {
    }

    private final Cache<Key, byte[]> serialised;

    ElementsJsonCache(StatsConfig config) {
        this.serialised = Caffeine.newBuilder()
                .maximumWeight(config.elementCacheBytes())
                .weigher((Key key, byte[] json) -> json.length + 64)
                .build();
    }

    byte[] elements(StatsRow row, ChainTrim trim) {
        if (row.chain() == null) {
            throw new IllegalArgumentException("chain " + row.hashHex() + " has no text: its elements must not be cached");
        }
        return serialised.get(new Key(row.chainHash(), trim), key -> ChainElementsJson.write(row.chain(), trim));
    }
}
