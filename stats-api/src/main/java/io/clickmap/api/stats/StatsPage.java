package io.clickmap.api.stats;

import java.util.List;

/**
 * One page of stats, rendered: the JSON array of rows as byte segments (a small page is one segment; a large one
 * shares the cached element arrays instead of copying them), and whether more rows follow. Independent of the
 * request URL, so it can be cached and wrapped for any request that asks for it — unless it is not
 * {@code complete}: a row whose chain text was missing shows no elements, and that must not be remembered.
 */
record StatsPage(List<byte[]> segments, long length, boolean hasMore, boolean complete) {
    StatsPage {
        segments = List.copyOf(segments);
    }
}
