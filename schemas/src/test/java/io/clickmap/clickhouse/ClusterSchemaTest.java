package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterSchemaTest {
    private final ClusterSchema schema = new ClusterSchema("clickmap");

    @Test
    void eventsBecomeAReplicatedLocalTableOnEveryShardUnderADistributedTableShardedByTheSamplingKey() {
        assertThat(schema.rewrite("CREATE TABLE IF NOT EXISTS {database}.events (\n    uuid UUID,\n    distinct_id String\n) ENGINE = MergeTree\n"
                + "ORDER BY (cityHash64(distinct_id))\nSAMPLE BY cityHash64(distinct_id)")).containsExactly(
                "CREATE TABLE IF NOT EXISTS {database}.events_local ON CLUSTER clickmap (\n    uuid UUID,\n    distinct_id String\n) "
                        + "ENGINE = ReplicatedMergeTree({zk_path}, {zk_replica})\nORDER BY (cityHash64(distinct_id))\nSAMPLE BY cityHash64(distinct_id)",
                "CREATE TABLE IF NOT EXISTS {database}.events ON CLUSTER clickmap AS {database}.events_local "
                        + "ENGINE = Distributed(clickmap, {database_name}, events_local, cityHash64(distinct_id))");
        assertThat(ClusterSchema.zooKeeperPath("clickmap", "events")).isEqualTo("/clickhouse/tables/{shard}/clickmap/events_local");
    }

    @Test
    void engineArgumentsFollowThePathAndTheReplica() {
        assertThat(schema.rewrite("CREATE TABLE IF NOT EXISTS {database}.clicks_daily (count UInt64) ENGINE = SummingMergeTree(count)\nORDER BY day"))
                .first().isEqualTo("CREATE TABLE IF NOT EXISTS {database}.clicks_daily_local ON CLUSTER clickmap (count UInt64) "
                        + "ENGINE = ReplicatedSummingMergeTree({zk_path}, {zk_replica}, count)\nORDER BY day");
    }

    @Test
    void tablesOutsideTheShardedSetAreOneCopyReplicatedToEveryMember() {
        assertThat(schema.rewrite("CREATE TABLE IF NOT EXISTS {database}.users (id Int64, version UInt64) ENGINE = ReplacingMergeTree(version)\nORDER BY id"))
                .containsExactly("CREATE TABLE IF NOT EXISTS {database}.users ON CLUSTER clickmap (id Int64, version UInt64) "
                        + "ENGINE = ReplicatedReplacingMergeTree({zk_path}, {zk_replica}, version)\nORDER BY id");
        assertThat(ClusterSchema.zooKeeperPath("clickmap", "users")).isEqualTo("/clickhouse/tables/all/clickmap/users");
    }

    @Test
    void aViewOfEventsReadsAndWritesItsShardsLocalTables() {
        assertThat(schema.rewrite("CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.clicks_daily_mv TO {database}.clicks_daily AS\n"
                + "SELECT team_id, count() AS count\nFROM {database}.events\nGROUP BY team_id")).containsExactly(
                "CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.clicks_daily_mv ON CLUSTER clickmap TO {database}.clicks_daily_local AS "
                        + "SELECT team_id, count() AS count\nFROM {database}.events_local\nGROUP BY team_id");
    }

    @Test
    void theLandingTableIsANullTableOnEveryShardUnderADistributedTableShardedLikeEvents() {
        assertThat(schema.rewrite("CREATE TABLE IF NOT EXISTS {database}.events_landing (\n    uuid UUID\n) ENGINE = Null")).containsExactly(
                "CREATE TABLE IF NOT EXISTS {database}.events_landing_local ON CLUSTER clickmap (\n    uuid UUID\n) ENGINE = Null",
                "CREATE TABLE IF NOT EXISTS {database}.events_landing ON CLUSTER clickmap AS {database}.events_landing_local "
                        + "ENGINE = Distributed(clickmap, {database_name}, events_landing_local, cityHash64(distinct_id))");
        assertThat(schema.rewrite("CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.events_from_landing TO {database}.events AS\n"
                + "SELECT uuid\nFROM {database}.events_landing")).containsExactly(
                "CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.events_from_landing ON CLUSTER clickmap TO {database}.events_local AS "
                        + "SELECT uuid\nFROM {database}.events_landing_local");
    }

    @Test
    void aColumnAddedToAShardedTableIsAddedOnEveryShard() {
        assertThat(schema.rewrite("ALTER TABLE {database}.clicks_daily ADD COLUMN dedup_token UInt64")).containsExactly(
                "ALTER TABLE {database}.clicks_daily_local ON CLUSTER clickmap ADD COLUMN dedup_token UInt64");
    }

    @Test
    void aViewIsDroppedOnEveryServer() {
        assertThat(schema.rewrite("DROP TABLE IF EXISTS {database}.clicks_daily_mv"))
                .containsExactly("DROP TABLE IF EXISTS {database}.clicks_daily_mv ON CLUSTER clickmap");
    }

    @Test
    void statementsWithoutAClusterFormAreRefusedRatherThanRunOnOneServer() {
        assertThatThrownBy(() -> schema.rewrite("ALTER TABLE {database}.events DROP COLUMN x"))
                .hasMessageContaining("sharded table events");
        assertThatThrownBy(() -> schema.rewrite("CREATE VIEW {database}.v AS SELECT 1")).hasMessageContaining("no cluster form");
        assertThat(schema.rewrite("ALTER TABLE {database}.api_keys ADD COLUMN user_id Int64 DEFAULT 0"))
                .containsExactly("ALTER TABLE {database}.api_keys ADD COLUMN user_id Int64 DEFAULT 0");
        assertThatThrownBy(() -> new ClusterSchema("a'b")).isInstanceOf(IllegalArgumentException.class);
    }
}
