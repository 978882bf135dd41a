package io.clickmap.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two shards × two replicas of Debian's ClickHouse 18.16 and a ZooKeeper, all local processes: {@code ON CLUSTER}
 * statements reach every member, a {@code Distributed} insert lands on one shard per row and is replicated, a
 * materialized view on each shard's local table feeds a replicated rollup, and both replicas of each shard end up with
 * the same rows.
 */
class ClickHouseClusterTest {
    @TempDir
    Path dir;

    @Test
    void everyMemberKnowsTheWholeClusterAndItsOwnPlace() {
        List<ClickHouseCluster.Member> members = List.of(
                member(1, 1, 9001), member(1, 2, 9002), member(2, 1, 9003), member(2, 2, 9004));

        String config = ClickHouseCluster.memberConfig("clickmap", members.get(2), members, 2181);

        assertThat(config).contains("<macros><shard>2</shard><replica>s2r1</replica></macros>")
                .contains("<remote_servers><clickmap><shard><internal_replication>true</internal_replication>"
                        + "<replica><host>127.0.0.1</host><port>9001</port></replica>"
                        + "<replica><host>127.0.0.1</host><port>9002</port></replica></shard>"
                        + "<shard><internal_replication>true</internal_replication>"
                        + "<replica><host>127.0.0.1</host><port>9003</port></replica>"
                        + "<replica><host>127.0.0.1</host><port>9004</port></replica></shard></clickmap></remote_servers>")
                .contains("<zookeeper><node><host>127.0.0.1</host><port>2181</port></node></zookeeper>");
    }

    @Test
    void distributedInsertsAreShardedAndReplicatedWithTheirRollups() throws Exception {
        Path binary = ClickHouseProcess.findBinary().orElse(null);
        assumeTrue(binary != null, "clickhouse-server is not installed (bin/test installs it)");
        try (ClickHouseCluster cluster = new ClickHouseCluster(binary, dir, "clickmap", 2, 2,
                System.getProperty("java.class.path"), WatchedProcess.Ending.KILL)) {
            cluster.start(Duration.ofSeconds(60));
            ClickHouseProcess first = cluster.server(1, 1);
            first.query("CREATE DATABASE IF NOT EXISTS t ON CLUSTER clickmap");
            first.query("""
                    CREATE TABLE IF NOT EXISTS t.clicks_local ON CLUSTER clickmap (day Date, id String)
                    ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/t/clicks_local', '{replica}')
                    PARTITION BY toYYYYMM(day) ORDER BY id""");
            first.query("CREATE TABLE IF NOT EXISTS t.clicks ON CLUSTER clickmap AS t.clicks_local "
                    + "ENGINE = Distributed(clickmap, t, clicks_local, cityHash64(id))");
            first.query("""
                    CREATE TABLE IF NOT EXISTS t.daily_local ON CLUSTER clickmap (day Date, count UInt64)
                    ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/t/daily_local', '{replica}', count) ORDER BY day""");
            first.query("CREATE MATERIALIZED VIEW IF NOT EXISTS t.daily_mv ON CLUSTER clickmap TO t.daily_local "
                    + "AS SELECT day, count() AS count FROM t.clicks_local GROUP BY day");
            first.query("CREATE TABLE IF NOT EXISTS t.daily ON CLUSTER clickmap AS t.daily_local ENGINE = Distributed(clickmap, t, daily_local)");

            insert(cluster.server(2, 1), 0, 5_000);
            insert(cluster.server(1, 2), 5_000, 5_000);

            List<String> rows = cluster.awaitReplicasAgree("SELECT count() FROM t.clicks_local", Duration.ofSeconds(60));
            assertThat(cluster.awaitReplicasAgree("SELECT sum(count) FROM t.daily_local", Duration.ofSeconds(60))).isEqualTo(rows);
            for (String shardRows : rows) {
                assertThat(Long.parseLong(shardRows)).as("each shard holds a share of the rows").isBetween(4_000L, 6_000L);
            }
            assertThat(cluster.server(1, 2).query("SELECT count(), uniqExact(id) FROM t.clicks")).isEqualTo("10000\t10000");
            assertThat(cluster.server(2, 2).query("SELECT sum(count) FROM t.daily")).isEqualTo("10000");
        }
    }

    private static void insert(ClickHouseProcess server, int from, int rows) {
        server.query("INSERT INTO t.clicks SELECT toDate('2026-12-01'), toString(number + " + from + ") FROM numbers(" + rows + ")",
                Map.of("insert_distributed_sync", "1"));
    }

    private static ClickHouseCluster.Member member(int shard, int replica, int tcpPort) {
        return new ClickHouseCluster.Member(shard, replica, new ClickHouseProcess.Layout(Path.of("d"), Path.of("l"), 0, tcpPort), 0);
    }
}
