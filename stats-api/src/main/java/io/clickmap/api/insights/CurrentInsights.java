package io.clickmap.api.insights;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Each environment's live insights (current versions, not deleted), kept in memory so that a list — filters,
 * search, order, count and page — costs ClickHouse one small query: the environment's stamp, its row count and
 * the sum of its versions. The table is append-only, so any write by any instance changes the stamp, and a
 * snapshot is used only while its stamp is the table's: a list never misses a write, whichever instance made it.
 * Bounded by {@code clickmap.insight-cache-bytes}; an environment beyond it is read whole for each list.
 */
@Singleton
class CurrentInsights {
    private static final SqlTemplate STAMP = SqlTemplate.of("SELECT count() AS rows, sum(version) AS versions FROM insights WHERE team_id = {team}");
    private static final SqlTemplate LIVE = SqlTemplate.of("SELECT " + InsightStore.COLUMNS + " FROM {current} WHERE deleted = 0");

    private record Stamp(long rows, String versions) {
    }

    /** An environment's live insights, ready for search. */
    record Live(List<InsightSearch.Indexed> insights) {
    }

    private record Snapshot(Stamp stamp, Live live) {
    }

    private final InsightStore store;
    private final ClickHouseSql sql;
    private final Cache<Long, Snapshot> snapshots;

    CurrentInsights(InsightStore store, ClickHouseSql sql, InsightsConfig config) {
        this.store = store;
        this.sql = sql;
        this.snapshots = Caffeine.newBuilder()
                .maximumWeight(config.insightCacheBytes())
                .weigher((Long environment, Snapshot snapshot) -> weight(snapshot))
                .build();
    }

    Live live(long environmentId, ServerTiming timing) {
        String stampQuery = STAMP.bind("team", environmentId).render();
        Stamp stamp = timing.clickHouse(() -> sql.query(stampQuery, row -> new Stamp(row.get("rows").asLong(), row.get("versions").asText()))).get(0);
        Snapshot cached = snapshots.getIfPresent(environmentId);
        if (cached != null && cached.stamp().equals(stamp)) {
            timing.note("insights", "cached");
            return cached.live();
        }
        // Read after the stamp: a write in between makes the snapshot newer than its stamp, and the next list reads again.
        String statement = LIVE.bind("current", InsightStore.CURRENT.bind("team", environmentId).fragment()).render();
        Live live = new Live(store.select(statement, timing).stream().map(InsightSearch.Indexed::of).toList());
        snapshots.put(environmentId, new Snapshot(stamp, live));
        return live;
    }

    /** Bytes an insight's strings take, roughly (two per character), with its fixed share. */
    private static int weight(Snapshot snapshot) {
        long bytes = 64;
        for (InsightSearch.Indexed indexed : snapshot.live().insights()) {
            InsightFields fields = indexed.insight().fields();
            // the insight, its lower-cased copies and trigrams: about three times its texts
            bytes += 512 + 6L * (length(fields.name()) + length(fields.derivedName()) + length(fields.description())
                    + (fields.query() == null ? 0 : fields.query().json().length()) + String.join("", fields.tags()).length());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
