package io.clickmap.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.event.ClickEvent;
import io.clickmap.event.Source;
import io.clickmap.ingest.resume.ResumePoint;
import io.clickmap.ingest.resume.StoredOffsets;
import io.clickmap.local.ClickHouseCluster;
import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.WatchedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest's storage on two shards × two replicas (local 18.16 servers and a ZooKeeper): rows are spread over the shards
 * by distinct id; the same block sent again is dropped by every shard, views' rollups included (so an insert that
 * reached some shards only is completed by its retry, the rest deduplicated); an insert while a shard is down fails,
 * and the resume point, which reads every replica, refuses to answer until it is back and then sees what is stored.
 */
class ClusterStoreTest {
    private static final String TOPIC = "clicks";
    private static final int ROWS = 2_000;
    private static final List<String> SUMMING_ROLLUPS = List.of("clicks_daily", "element_clicks_daily", "chain_clicks_daily");

    @TempDir
    Path dir;

    @Test
    void anInsertOneShardMissedIsCompletedOnceByItsRetry() throws InterruptedException {
        try (ClickHouseCluster cluster = startCluster()) {
            ClickHouseConfig config = configOf(cluster);
            try (Client client = ClickHouseClients.create(config)) {
                ClickHouseSql sql = new ClickHouseSql(client);
                Migrations.apply(sql, config);
                EventStore store = new EventStore(sql, config);
                StoredOffsets offsets = new StoredOffsets(sql, config);

                EventBatch first = batch(0);
                assertThat(store.store(first)).isEqualTo(ROWS);
                List<String> byShard = cluster.awaitReplicasAgree("SELECT count() FROM clickmap.events_local", Duration.ofSeconds(60));
                assertThat(byShard).allSatisfy(rows -> assertThat(Long.parseLong(rows)).isBetween(ROWS / 4L, 3L * ROWS / 4));

                // The answer to that insert was lost, say: the same block is sent again and every shard drops its copy.
                first.markUncertain(List.of(first));
                // a second later, as a retry would be: a value the server filled in at insert time would make it another block
                Thread.sleep(1_100);
                assertThat(store.store(first)).isEqualTo(ROWS);
                assertThat(cluster.awaitReplicasAgree("SELECT count() FROM clickmap.events_local", Duration.ofSeconds(60))).isEqualTo(byShard);

                EventBatch second = batch(ROWS);
                cluster.server(2, 1).stop();
                cluster.server(2, 2).stop();
                assertThatThrownBy(() -> store.store(second)).isInstanceOf(RuntimeException.class);
                assertThatThrownBy(() -> offsets.resumePoint(TOPIC, 0, OptionalLong.of(ROWS)))
                        .as("with a replica down the stored offsets are not known").isInstanceOf(RuntimeException.class);
                long landedOnShardOne = Long.parseLong(cluster.server(1, 1).query(
                        "SELECT count() FROM clickmap.events_local WHERE kafka_offset >= " + ROWS));

                cluster.server(2, 1).start(Duration.ofSeconds(60));
                cluster.server(2, 2).start(Duration.ofSeconds(60));
                ResumePoint point = offsets.resumePoint(TOPIC, 0, OptionalLong.of(ROWS));
                assertThat(point.alreadyStored()).hasSize((int) landedOnShardOne);

                retryUntilStored(store, second);
                cluster.awaitReplicasAgree("SELECT count() FROM clickmap.events_local", Duration.ofSeconds(60));
                assertThat(cluster.server(2, 2).query("SELECT count(), uniqExact(uuid) FROM clickmap.events"))
                        .isEqualTo(2 * ROWS + "\t" + 2 * ROWS);
                cluster.awaitReplicasAgree("SELECT sum(count) FROM clickmap.clicks_daily_local", Duration.ofSeconds(60));
                assertThat(cluster.server(1, 2).query("SELECT sum(count) FROM clickmap.clicks_daily"))
                        .as("the views' rollups are deduplicated with the events").isEqualTo(String.valueOf(2 * ROWS));
                assertThat(offsets.resumePoint(TOPIC, 0, OptionalLong.of(ROWS)))
                        .isEqualTo(new ResumePoint(ResumePoint.Kind.AFTER_STORED, 2 * ROWS, new long[0]));
            }
        }
    }

    @Test
    void aRetryStoresWhatEachTableMissedTheFirstTimeAndDoublesNothing() {
        try (ClickHouseCluster cluster = startCluster()) {
            ClickHouseConfig config = configOf(cluster);
            try (Client client = ClickHouseClients.create(config)) {
                ClickHouseSql sql = new ClickHouseSql(client);
                Migrations.apply(sql, config);
                EventStore store = new EventStore(sql, config);

                // The first try stores the events and every rollup but the second shard's clicks_daily: what a replica that
                // dies between storing its part of events and the parts of its views leaves, its insert failing.
                EventBatch batch = batch(0);
                onSecondShard(cluster, "DETACH TABLE clickmap.clicks_daily_from_landing");
                assertThat(store.store(batch)).isEqualTo(ROWS);
                onSecondShard(cluster, "ATTACH TABLE clickmap.clicks_daily_from_landing");
                awaitEveryShardedTable(cluster);
                assertThat(cluster.server(1, 2).query("SELECT sum(count) FROM clickmap.clicks_daily")).isNotEqualTo(String.valueOf(ROWS));

                batch.markUncertain(List.of(batch));
                assertThat(store.store(batch)).isEqualTo(ROWS);
                awaitEveryShardedTable(cluster);
                ClickHouseProcess reader = cluster.server(2, 2);
                assertThat(reader.query("SELECT count(), uniqExact(uuid) FROM clickmap.events")).isEqualTo(ROWS + "\t" + ROWS);
                for (String rollup : SUMMING_ROLLUPS) {
                    assertThat(reader.query("SELECT sum(count) FROM clickmap." + rollup)).as(rollup).isEqualTo(String.valueOf(ROWS));
                }

                // Two inserts that count the same (one click each, same user, button, page and day) are two clicks, not a retry.
                store.store(oneClick(ROWS));
                store.store(oneClick(ROWS + 1));
                awaitEveryShardedTable(cluster);
                for (String rollup : SUMMING_ROLLUPS) {
                    assertThat(reader.query("SELECT sum(count) FROM clickmap." + rollup)).as(rollup).isEqualTo(String.valueOf(ROWS + 2));
                }
            }
        }
    }

    private ClickHouseCluster startCluster() {
        Path binary = ClickHouseProcess.findBinary().orElse(null);
        assumeTrue(binary != null, "clickhouse-server is not installed (bin/test installs it)");
        ClickHouseCluster cluster = new ClickHouseCluster(binary, dir, "clickmap", 2, 2, System.getProperty("java.class.path"),
                WatchedProcess.Ending.TERM);
        cluster.start(Duration.ofSeconds(60));
        return cluster;
    }

    private static ClickHouseConfig configOf(ClickHouseCluster cluster) {
        return new ClickHouseConfig(cluster.server(1, 1).httpUrl(), "clickmap", "default", "", "clickmap");
    }

    private static void onSecondShard(ClickHouseCluster cluster, String statement) {
        cluster.server(2, 1).query(statement);
        cluster.server(2, 2).query(statement);
    }

    private static void awaitEveryShardedTable(ClickHouseCluster cluster) {
        for (String table : List.of("events_local", "clicks_daily_local", "element_clicks_daily_local", "chain_clicks_daily_local")) {
            cluster.awaitReplicasAgree("SELECT count() FROM clickmap." + table, Duration.ofSeconds(60));
        }
    }

    private static EventBatch oneClick(int offset) {
        EventBatch batch = new EventBatch(TOPIC, 0, 202612);
        batch.add(new ClickEvent(new UUID(8, offset), 1, "$autocapture", Instant.parse("2026-12-02T10:00:00Z"), "user-same",
                "https://shop.example.com/", "button:text=\"Buy\"nth-child=\"1\"", "{}", Map.of()), new Source(TOPIC, 0, offset, 0));
        return batch;
    }

    /** A server just restarted answers before its replicated tables have their ZooKeeper session: they are read-only a moment. */
    private static void retryUntilStored(EventStore store, EventBatch batch) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                store.store(batch);
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static EventBatch batch(int firstOffset) {
        EventBatch batch = new EventBatch(TOPIC, 0, 202612);
        for (int n = firstOffset; n < firstOffset + ROWS; n++) {
            ClickEvent event = new ClickEvent(new UUID(7, n), 1, "$autocapture", Instant.parse("2026-12-01T10:00:00Z").plusSeconds(n),
                    "user-" + n, "https://shop.example.com/", "button:text=\"Buy\"nth-child=\"1\"", "{}", Map.of());
            batch.add(event, new Source(TOPIC, 0, n, 0));
        }
        return batch;
    }
}
