package io.clickmap.clickhouse;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A read of a sharded table that sees every insert any replica acknowledged. Reading the {@code Distributed} table
 * asks one replica per shard, which may not have fetched the newest parts yet; where a stale answer would store rows
 * twice (ingest's resume point, its check of an insert whose answer was lost) the query runs on every member of the
 * cluster through {@code remote()} and the caller combines the answers. Every member must answer: a replica that is
 * down fails the read, to be retried, rather than risk that it alone holds a part. On one server the query runs once,
 * on the table itself.
 */
public final class EveryReplica {
    private static final SqlTemplate MEMBERS = SqlTemplate.of(
            "SELECT host_name, port, is_local FROM system.clusters WHERE cluster = {cluster} ORDER BY shard_num, replica_num");
    private static final SqlTemplate REMOTE = SqlTemplate.of("remote({address}, {database}, {table}, {user}, {password})");

    private EveryReplica() {
    }

    /**
     * @param query one replica's query given the table to read from (a {@code remote()} call on a cluster); its
     *              answers are put together with {@code UNION ALL}, for an outer query to combine
     * @return the union, to be used as a subquery: {@code SELECT … FROM (<union>)}
     */
    public static String union(ClickHouseSql sql, ClickHouseConfig config, String table, Function<SqlTemplate.Fragment, String> query) {
        if (!config.clustered()) {
            return query.apply(SqlTemplate.Fragment.identifier(table));
        }
        List<String> members = members(sql, config.cluster(), true);
        if (members.isEmpty()) {
            throw new IllegalStateException("ClickHouse knows no cluster " + config.cluster() + " (remote_servers): check CLICKHOUSE_CLUSTER");
        }
        return members.stream()
                .map(member -> REMOTE.bind("address", member).bind("database", SqlTemplate.Fragment.identifier(config.database()))
                        .bind("table", SqlTemplate.Fragment.identifier(ClusterSchema.local(table)))
                        .bind("user", config.user()).bind("password", config.password()).fragment())
                .map(remote -> "SELECT * FROM (" + query.apply(remote) + ")")
                .collect(Collectors.joining(" UNION ALL "));
    }

    /** The cluster's members as {@code host:port} (native port), by shard and replica, as the server asked knows them. */
    static List<String> members(ClickHouseSql sql, String cluster, boolean withThisServer) {
        return sql.query(MEMBERS.bind("cluster", cluster).render(), row -> row).stream()
                .filter(row -> withThisServer || row.get("is_local").asInt() == 0)
                .map(row -> row.get("host_name").asText() + ":" + row.get("port").asText())
                .toList();
    }
}
