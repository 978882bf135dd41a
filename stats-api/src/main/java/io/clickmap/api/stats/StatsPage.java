package io.clickmap.api.stats;

import java.util.List;

/**
 * One page of stats, rendered: the JSON array of rows as byte segments (a small page is one segment; a large one
 * shares the cached element arrays instead of copying them), whether more rows follow, and how many rows it
 * holds. Independent of the request URL, so it can be cached and wrapped for any request that asks for it.
 */
record StatsPage(List<byte[]> segments, long length, boolean hasMore, int rows) {
    StatsPage {
        segments = List.copyOf(segments);
    }
}
