package io.clickmap.clickhouse;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations' statements as a cluster needs them. Tables of two kinds:
 * <ul>
 *   <li><b>Sharded</b>: {@code events_landing}, the {@code Null} table ingest inserts into, and what its materialized
 *   views fill ({@code events}, rollups, side tables). Each shard keeps {@code <table>_local}, replicated within the
 *   shard ({@code events_landing_local} is a {@code Null} table on every server); {@code <table>} is a
 *   {@code Distributed} table over them, so every query reads the same names in both modes. Both events tables are
 *   sharded by the sampling key, {@code cityHash64(distinct_id)}; a view runs on each shard beside its local
 *   {@code events_landing} and writes its local table, so a rollup row and the events it counts live on the same
 *   shard.</li>
 *   <li><b>Replicated everywhere</b>: the rest (environments, keys, users, insights, …) — small, read with
 *   {@code FINAL} or by newest version, which only holds when every version of a key is on the server that reads it.
 *   Every member is a replica of one copy; reads stay local.</li>
 * </ul>
 * Every {@code CREATE} and {@code DROP} runs {@code ON CLUSTER}; an {@code ALTER} of a table replicated everywhere runs
 * once, since replication carries it to every replica, and an {@code ADD COLUMN} to a sharded table runs
 * {@code ON CLUSTER} on the shards' tables. Inserts are left as they are: they land on the server the migration runs on.
 */
final class ClusterSchema {
    static final Set<String> SHARDED = Set.of(
            "events", "events_landing", "element_clicks_daily", "element_chains", "element_urls", "chainless_clicks_daily", "clicks_daily", "daily_ids",
            "chain_clicks_daily");
    static final String EVENTS_SHARDING_KEY = "cityHash64(distinct_id)";

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE TABLE IF NOT EXISTS \\{database}\\.(\\w+) (\\(.*\\)) ENGINE = (\\w*MergeTree)(?:\\(([^)]*)\\))?(.*)", Pattern.DOTALL);
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS \\{database}\\.(\\w+)\\s+TO \\{database}\\.(\\w+)\\s+AS\\s+(.*)", Pattern.DOTALL);
    private static final Pattern CREATE_NULL_TABLE = Pattern.compile(
            "CREATE TABLE IF NOT EXISTS \\{database}\\.(\\w+) (\\(.*\\)) ENGINE = Null", Pattern.DOTALL);
    private static final Pattern DROP_TABLE = Pattern.compile("DROP TABLE IF EXISTS \\{database}\\.(\\w+)");
    private static final Pattern SOURCE = Pattern.compile("FROM \\{database}\\.(\\w+)");
    private static final Pattern ALTER = Pattern.compile("ALTER TABLE \\{database}\\.(\\w+) (.*)", Pattern.DOTALL);
    private static final Pattern ADD_COLUMN = Pattern.compile("ADD COLUMN .*", Pattern.DOTALL);

    private final String cluster;

    ClusterSchema(String cluster) {
        this.cluster = ClickHouseConfig.requireClusterName(cluster);
    }

    String onCluster() {
        return " ON CLUSTER " + cluster;
    }

    /** The statements (still with {@code {database}}; replicated engines name {@code {zk_path}} and {@code {zk_replica}}, a Distributed table {@code {database_name}}) this one becomes. */
    List<String> rewrite(String statement) {
        Matcher table = CREATE_TABLE.matcher(statement);
        if (table.matches()) {
            return createTable(table.group(1), table.group(2), table.group(3), table.group(4), table.group(5));
        }
        Matcher nullTable = CREATE_NULL_TABLE.matcher(statement);
        if (nullTable.matches()) {
            return sharded(nullTable.group(1), "CREATE TABLE IF NOT EXISTS {database}." + local(nullTable.group(1)) + onCluster() + " "
                    + nullTable.group(2) + " ENGINE = Null");
        }
        Matcher drop = DROP_TABLE.matcher(statement);
        if (drop.matches()) {
            return List.of("DROP TABLE IF EXISTS {database}." + local(drop.group(1)) + onCluster());
        }
        Matcher view = CREATE_VIEW.matcher(statement);
        if (view.matches()) {
            String target = view.group(2);
            String select = SOURCE.matcher(view.group(3)).replaceAll(from ->
                    "FROM {database}." + Matcher.quoteReplacement(local(from.group(1))));
            return List.of("CREATE MATERIALIZED VIEW IF NOT EXISTS {database}." + view.group(1) + onCluster()
                    + " TO {database}." + local(target) + " AS " + select);
        }
        Matcher alter = ALTER.matcher(statement);
        if (alter.matches() && SHARDED.contains(alter.group(1))) {
            if (!ADD_COLUMN.matcher(alter.group(2)).matches()) {
                throw new IllegalStateException("only ADD COLUMN has a cluster form for the sharded table " + alter.group(1) + ": " + statement);
            }
            // Every shard's table gets the column; its Distributed table keeps the columns it has: 18.16 refuses an ALTER ON
            // CLUSTER of a table that is not replicated where shards replicate internally, and a Distributed table may
            // name fewer columns than the tables under it (it reads only those).
            return List.of("ALTER TABLE {database}." + local(alter.group(1)) + onCluster() + " " + alter.group(2));
        }
        if (statement.startsWith("CREATE")) {
            throw new IllegalStateException("no cluster form for this statement: " + statement);
        }
        return List.of(statement);
    }

    /** Where a replicated table keeps its replicas' common state in ZooKeeper; {shard} and {replica} are the server's macros. */
    static String zooKeeperPath(String database, String table) {
        return "/clickhouse/tables/" + (SHARDED.contains(table) ? "{shard}" : "all") + "/" + database + "/" + local(table);
    }

    static String local(String table) {
        return SHARDED.contains(table) ? table + "_local" : table;
    }

    private List<String> createTable(String name, String columns, String engine, String engineArguments, String rest) {
        String arguments = "{zk_path}, {zk_replica}" + (engineArguments == null || engineArguments.isBlank() ? "" : ", " + engineArguments);
        String replicated = "CREATE TABLE IF NOT EXISTS {database}." + local(name) + onCluster() + " " + columns
                + " ENGINE = Replicated" + engine + "(" + arguments + ")" + rest;
        return SHARDED.contains(name) ? sharded(name, replicated) : List.of(replicated);
    }

    /** A shard's table and the Distributed table over every shard's; inserts into the events tables go by distinct id. */
    private List<String> sharded(String name, String createLocal) {
        String shardingKey = name.equals("events") || name.equals("events_landing") ? ", " + EVENTS_SHARDING_KEY : "";
        return List.of(createLocal, "CREATE TABLE IF NOT EXISTS {database}." + name + onCluster() + " AS {database}." + local(name)
                + " ENGINE = Distributed(" + cluster + ", {database_name}, " + local(name) + shardingKey + ")");
    }
}
