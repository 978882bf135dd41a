package io.clickmap.clickhouse;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a server that joined a cluster after the migrations ran (or was rebuilt from nothing) the tables its peers
 * have. The ledger is replicated, so such a server reads every migration as applied; running the migrations' own
 * statements again would not do either, since a replicated table must be created with its current structure (a
 * later {@code ALTER} changed it in ZooKeeper). So each missing table is created here from a peer's own definition,
 * which keeps the {@code {shard}} and {@code {replica}} macros unexpanded: this server fills in its own, and its
 * replicated tables then fetch their shard's data. Tables first, views last (a view needs its target). Runs before the
 * ledger is read, so the migrations that follow find this server like every other.
 */
final class PeerTables {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTables.class);
    private static final SqlTemplate LOCAL = SqlTemplate.of("SELECT name FROM system.tables WHERE database = {database}");
    private static final SqlTemplate EXISTS = SqlTemplate.of("SELECT count() AS n FROM system.tables WHERE database = {database} AND name = {name}");
    private static final SqlTemplate OF_PEER = SqlTemplate.of(
            "SELECT name, engine, create_table_query FROM remote({address}, system.tables) WHERE database = {database}");

    private record Table(String name, String engine, String definition) {
    }

    private PeerTables() {
    }

    /** Another service migrating at the same moment may create the table first: it being there is what counts. */
    private static void create(ClickHouseSql sql, String database, Table table) {
        try {
            sql.execute(table.definition());
        } catch (RuntimeException e) {
            if (!sql.query(EXISTS.bind("database", database).bind("name", table.name()).render(), row -> row.get("n").asLong()).equals(List.of(1L))) {
                throw e;
            }
        }
    }

    static void createMissing(ClickHouseSql sql, String database, String cluster) {
        Set<String> local = new HashSet<>(sql.query(LOCAL.bind("database", database).render(), row -> row.get("name").asText()));
        List<String> peers = EveryReplica.members(sql, cluster, false);
        for (String peer : peers) {
            List<Table> tables;
            try {
                tables = sql.query(OF_PEER.bind("address", peer).bind("database", database).render(),
                        row -> new Table(row.get("name").asText(), row.get("engine").asText(), row.get("create_table_query").asText()));
            } catch (RuntimeException unreachable) {
                LOG.warn("Cluster peer {} did not list its tables ({}); asking the next", peer, unreachable.getClass().getSimpleName());
                continue;
            }
            List<Table> missing = tables.stream().filter(table -> !local.contains(table.name()))
                    .sorted(Comparator.comparing((Table table) -> table.engine().equals("MaterializedView")).thenComparing(Table::name))
                    .toList();
            for (Table table : missing) {
                create(sql, database, table);
            }
            if (!missing.isEmpty()) {
                LOG.info("Created {} tables of database {} on this server as its cluster peer {} has them", missing.size(), database, peer);
            }
            return;
        }
    }
}
