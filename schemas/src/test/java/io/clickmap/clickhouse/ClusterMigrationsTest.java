package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.clickhouse.client.api.Client;
import io.clickmap.local.ClickHouseCluster;
import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.WatchedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrations in cluster mode on two shards × two replicas of ClickHouse 18.16: every member ends up with the
 * same tables, sharded ones as replicated local tables under a Distributed table of the single-server name, and the
 * views fill each shard's rollups from its own events.
 */
class ClusterMigrationsTest {
    private static final String DATABASE = "clickmap_cluster";
    // every shard's rows are written before the insert returns (else those of other shards follow in the background)
    private static final Map<String, String> SYNCHRONOUS = Map.of("insert_distributed_sync", "1");
    private static ClickHouseCluster cluster;
    private static final List<Client> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Path binary = ClickHouseProcess.findBinary().orElse(null);
        assumeTrue(binary != null, "clickhouse-server is not installed (bin/test installs it)");
        cluster = new ClickHouseCluster(binary, Files.createTempDirectory("clickmap-cluster"), "clickmap", 2, 2,
                System.getProperty("java.class.path"), WatchedProcess.Ending.KILL);
        cluster.start(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopCluster() {
        clients.forEach(Client::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void servicesMigratingTwoMembersAtOnceLeaveEveryMemberWithTheWholeSchema() {
        List<CompletableFuture<Void>> runs = List.of(
                CompletableFuture.runAsync(() -> Migrations.apply(sql(1, 1), DATABASE, "clickmap")),
                CompletableFuture.runAsync(() -> Migrations.apply(sql(2, 2), DATABASE, "clickmap")));
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        Migrations.apply(sql(1, 2), DATABASE, "clickmap");

        List<String> expected = null;
        for (ClickHouseCluster.Member member : cluster.members()) {
            List<String> tables = sql(member.shard(), member.replica()).query(
                    "SELECT name, engine FROM system.tables WHERE database = '" + DATABASE + "' ORDER BY name",
                    row -> row.get("name").asText() + " " + row.get("engine").asText());
            if (expected == null) {
                expected = tables;
            }
            assertThat(tables).as("tables of %s", member.replicaName()).isEqualTo(expected);
        }
        assertThat(expected).contains("events Distributed", "events_local ReplicatedMergeTree",
                "clicks_daily Distributed", "clicks_daily_local ReplicatedSummingMergeTree", "clicks_daily_from_landing MaterializedView", "events_landing Distributed", "events_landing_local Null",
                "element_chains_local ReplicatedReplacingMergeTree", "insights ReplicatedMergeTree", "environments ReplicatedReplacingMergeTree",
                "schema_migrations ReplicatedMergeTree");
        assertThat(expected).noneMatch(table -> table.endsWith(" MergeTree") || table.endsWith(" SummingMergeTree")
                || table.endsWith(" ReplacingMergeTree"));
        // the columns later migrations added reached every replica: of the table replicated everywhere, and of every
        // shard's summing rollups
        for (ClickHouseCluster.Member member : cluster.members()) {
            assertThat(sql(member.shard(), member.replica()).query("SELECT count() AS n FROM system.columns WHERE database = '"
                    + DATABASE + "' AND table = 'api_keys' AND name = 'user_id'", row -> row.get("n").asInt())).containsExactly(1);
            assertThat(sql(member.shard(), member.replica()).query("SELECT table FROM system.columns WHERE database = '" + DATABASE
                    + "' AND name = 'dedup_token' AND match(table, '_local$') ORDER BY table", row -> row.get("table").asText())).containsExactly(
                    "chain_clicks_daily_local", "chainless_clicks_daily_local", "clicks_daily_local", "element_clicks_daily_local");
        }
    }

    @Test
    void eventsWrittenThroughTheDistributedTableAreShardedAndCountedByEachShardsRollups() {
        Migrations.apply(sql(1, 1), DATABASE, "clickmap");
        cluster.server(2, 1).query("INSERT INTO " + DATABASE + ".events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, "
                + "properties, property_keys, property_values, kafka_topic, kafka_partition, kafka_offset) "
                + "SELECT generateUUIDv4(), 1, '$autocapture', toDateTime('2026-12-01 10:00:00', 'UTC'), concat('user-', toString(number % 100)), "
                + "'https://shop.example/', concat('button.nr-', toString(number % 7)), '{}', [], [], 'events', 0, number FROM numbers(3000)",
                SYNCHRONOUS);

        ClickHouseSql anyMember = sql(1, 2);
        List<String> byShard = cluster.awaitReplicasAgree(
                "SELECT count() FROM " + DATABASE + ".events_local WHERE kafka_topic = 'events'", Duration.ofSeconds(60));
        assertThat(byShard).allSatisfy(rows -> assertThat(Long.parseLong(rows)).isBetween(1L, 2999L));
        cluster.awaitReplicasAgree("SELECT sum(count) FROM " + DATABASE + ".clicks_daily_local", Duration.ofSeconds(60));
        cluster.awaitReplicasAgree("SELECT sum(count) FROM " + DATABASE + ".element_clicks_daily_local", Duration.ofSeconds(60));
        assertThat(count(anyMember, "SELECT count() AS n FROM " + DATABASE + ".events WHERE kafka_topic = 'events'")).isEqualTo(3000);
        assertThat(count(anyMember, "SELECT sum(count) AS n FROM " + DATABASE + ".clicks_daily WHERE team_id = 1")).isEqualTo(3000);
        assertThat(count(anyMember, "SELECT sum(count) AS n FROM " + DATABASE + ".element_clicks_daily WHERE team_id = 1")).isEqualTo(3000);
        // a user's events all live on one shard: the sharding key is the sampling key
        assertThat(count(anyMember, "SELECT count() AS n FROM (SELECT distinct_id FROM " + DATABASE + ".events_local WHERE kafka_topic = 'events' GROUP BY distinct_id)"))
                .isBetween(1L, 99L);
    }

    @Test
    void aReplicaRebuiltFromNothingGetsItsTablesBackAndItsShardsRows() {
        Migrations.apply(sql(1, 1), DATABASE, "clickmap");
        cluster.server(1, 1).query("INSERT INTO " + DATABASE + ".events_landing (uuid, team_id, event, timestamp, distinct_id, kafka_topic, kafka_offset) "
                + "SELECT generateUUIDv4(), 2, '$autocapture', toDateTime('2026-12-01 10:00:00', 'UTC'), toString(number), 'rebuilt', number "
                + "FROM numbers(1000)", SYNCHRONOUS);
        List<String> before = tables(2, 1);

        // as a new server that takes this replica's place would be: nothing of the database on it
        sql(2, 2).execute("DROP DATABASE " + DATABASE);
        Migrations.apply(sql(2, 2), DATABASE, "clickmap");

        assertThat(tables(2, 2)).isEqualTo(before);
        List<String> byShard = cluster.awaitReplicasAgree(
                "SELECT count() FROM " + DATABASE + ".events_local WHERE kafka_topic = 'rebuilt'", Duration.ofSeconds(60));
        assertThat(Long.parseLong(byShard.get(1))).as("the rebuilt replica's shard holds rows").isPositive();
    }

    private static List<String> tables(int shard, int replica) {
        return sql(shard, replica).query("SELECT name FROM system.tables WHERE database = '" + DATABASE + "' ORDER BY name",
                row -> row.get("name").asText());
    }

    private static long count(ClickHouseSql sql, String query) {
        return sql.query(query, row -> row.get("n").asLong()).get(0);
    }

    private static ClickHouseSql sql(int shard, int replica) {
        Client client = ClickHouseClients.create(new ClickHouseConfig(cluster.server(shard, replica).httpUrl(), "default", "default", ""));
        synchronized (clients) {
            clients.add(client);
        }
        return new ClickHouseSql(client);
    }
}
