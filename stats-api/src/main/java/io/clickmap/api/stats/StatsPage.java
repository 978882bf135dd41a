package io.clickmap.api.stats;

/**
 * One page of stats, rendered: the JSON array of rows, whether more rows follow, and how many rows it holds.
 * Independent of the request URL, so it can be cached and wrapped for any request that asks for it.
 */
record StatsPage(byte[] resultsJson, boolean hasMore, int rows) {
}
