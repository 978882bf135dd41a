package io.clickmap.api.stats;

/**
 * Which table answers a stats query. The daily rollup holds exact counts per day, page and chain, so it can
 * answer whenever the filters only concern the page URL and no sampling is asked for; otherwise the raw
 * events table must (sampling needs {@code SAMPLE}; other properties are only on the events).
 */
enum StoragePath {
    ROLLUP, RAW;

    static StoragePath choose(StatsQuery query, boolean alwaysRaw) {
        if (alwaysRaw || query.isSampled() || !query.filtersOnlyCurrentUrl()) {
            return RAW;
        }
        return ROLLUP;
    }
}
