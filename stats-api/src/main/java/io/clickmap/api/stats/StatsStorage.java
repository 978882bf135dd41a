package io.clickmap.api.stats;

import io.clickmap.api.web.ServerTiming;
import java.util.List;

/**
 * A way to answer a stats query: up to {@code limit + 1} rows from {@code offset}, ordered by count
 * descending, then chain hash ascending (unsigned), then event — the same rows whichever implementation
 * answers. Counts are as stored (not yet scaled for sampling). ClickHouse failures pass through.
 */
interface StatsStorage {
    List<StatsRow> fetch(StatsQuery query, ServerTiming timing);
}
