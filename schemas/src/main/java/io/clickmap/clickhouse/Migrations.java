package io.clickmap.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the current schema. Both services run this at start-up, possibly at the same
 * moment: every statement is idempotent ({@code IF NOT EXISTS}; a column added counts as done when the
 * column is there), so two processes applying the same migration both succeed, and a version recorded
 * twice is harmless. A migration whose text changed
 * after it was applied stops start-up: schemas change by adding migrations, never by editing them.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final List<String> FILES = List.of(
            "V001__events.sql",
            "V002__daily_rollup.sql",
            "V003__environments.sql",
            "V004__api_keys.sql",
            "V005__elements.sql",
            "V006__users.sql",
            "V007__insights.sql",
            "V008__internal_users.sql",
            "V009__chainless_rollup.sql",
            "V010__clicks_rollup.sql",
            "V011__insight_views.sql",
            "V012__sharing.sql",
            "V013__alerts.sql",
            "V014__toolbar_tokens.sql",
            "V015__daily_ids.sql",
            "V016__chain_clicks_rollup.sql",
            "V017__element_matches.sql",
            "V018__events_landing.sql");

    private static final String LEDGER = """
            CREATE TABLE IF NOT EXISTS {database}.schema_migrations (
                version UInt32,
                name String,
                checksum String,
                applied_at DateTime('UTC') DEFAULT now()
            ) ENGINE = MergeTree ORDER BY version""";
    private static final SqlTemplate SYNC_LEDGER = SqlTemplate.of("SYSTEM SYNC REPLICA {database}.schema_migrations");
    private static final SqlTemplate APPLIED = SqlTemplate.of(
            "SELECT version, groupUniqArray(checksum) AS checksums FROM {database}.schema_migrations GROUP BY version");
    private static final SqlTemplate RECORD = SqlTemplate.of(
            "INSERT INTO {database}.schema_migrations (version, name, checksum) VALUES ({version}, {name}, {checksum})");
    // 18.16 knows no ADD COLUMN IF NOT EXISTS, so migrations write ALTER TABLE {database}.t ADD COLUMN c … and
    // the column being there afterwards is what counts: another process may have added it a moment before, or
    // a run that stopped before recording its migration.
    private static final Pattern ADD_COLUMN = Pattern.compile("ALTER TABLE \\{database}\\.(\\w+)(?: ON CLUSTER \\w+)? ADD COLUMN (\\w+) .*",
            Pattern.DOTALL);
    private static final Pattern REPLICATED_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS \\{database}\\.(\\w+?)(?:_local)? ON CLUSTER \\w+ \\(");
    private static final SqlTemplate HAS_LEDGER = SqlTemplate.of(
            "SELECT count() AS n FROM system.tables WHERE database = {database} AND name = 'schema_migrations'");
    private static final SqlTemplate HAS_COLUMN = SqlTemplate.of(
            "SELECT count() AS n FROM system.columns WHERE database = {database} AND table = {table} AND name = {column}");

    private Migrations() {
    }

    public static void apply(ClickHouseSql sql, String database) {
        apply(sql, database, null);
    }

    public static void apply(ClickHouseSql sql, ClickHouseConfig config) {
        apply(sql, config.database(), config.cluster());
    }

    /**
     * @param cluster the ClickHouse cluster (its {@code remote_servers} name) to create every table on, replicated and
     *                sharded as {@link ClusterSchema} says; null or blank for a single server
     */
    public static void apply(ClickHouseSql sql, String database, String cluster) {
        ClusterSchema schema = cluster == null || cluster.isBlank() ? null : new ClusterSchema(cluster);
        SqlTemplate.Fragment db = SqlTemplate.Fragment.identifier(database);
        // A statement ON CLUSTER waits for every member, so a service restarting while a replica is down would hang
        // here for minutes: where this server already holds the ledger, only migrations not yet applied go ON CLUSTER.
        if (schema == null || !hasLedger(sql, database)) {
            sql.executeIn("system", SqlTemplate.of("CREATE DATABASE IF NOT EXISTS {database}" + (schema == null ? "" : schema.onCluster()))
                    .bind("database", db).render());
            if (schema != null) {
                PeerTables.createMissing(sql, database, cluster);
            }
            for (String statement : forms(schema, LEDGER)) {
                execute(sql, database, statement);
            }
        }
        if (schema != null) {
            // A ledger this server just joined holds nothing until it has fetched its peers' rows. Best effort: 18.16's
            // sync may return before the shared log is pulled, and then the migrations run again, which is harmless.
            sql.execute(SYNC_LEDGER.bind("database", db).render());
        }
        Map<Integer, Set<String>> applied = sql.query(APPLIED.bind("database", db).render(), row -> {
            Set<String> checksums = new HashSet<>();
            row.get("checksums").forEach(checksum -> checksums.add(checksum.asText()));
            return Map.entry(row.get("version").asInt(), checksums);
        }).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (String file : FILES) {
            int version = Integer.parseInt(file.substring(1, 4));
            String text = read(file);
            String checksum = sha256(text);
            Set<String> recorded = applied.get(version);
            if (recorded != null) {
                if (!recorded.equals(Set.of(checksum))) {
                    throw new IllegalStateException("migration " + file + " changed after it was applied to database "
                            + database + "; add a new migration instead of editing an applied one");
                }
                continue;
            }
            for (String statement : statements(text)) {
                for (String form : forms(schema, statement)) {
                    execute(sql, database, form);
                }
            }
            sql.execute(RECORD.bind("database", db).bind("version", version).bind("name", file).bind("checksum", checksum).render());
            LOG.info("Applied migration {} to database {}", file, database);
        }
    }

    private static List<String> forms(ClusterSchema schema, String statement) {
        return schema == null ? List.of(statement) : schema.rewrite(statement);
    }

    private static void execute(ClickHouseSql sql, String database, String statement) {
        SqlTemplate.Binding binding = SqlTemplate.of(statement).bind("database", SqlTemplate.Fragment.identifier(database));
        Matcher replicated = REPLICATED_TABLE.matcher(statement);
        if (statement.contains("{zk_path}") && replicated.find()) {
            // The macros stay text for the server to fill: each member puts its own shard and replica there.
            binding = binding.bind("zk_path", ClusterSchema.zooKeeperPath(database, replicated.group(1))).bind("zk_replica", "{replica}");
        }
        if (statement.contains("{database_name}")) {
            binding = binding.bind("database_name", database);
        }
        String rendered = binding.render();
        Matcher addColumn = ADD_COLUMN.matcher(statement);
        try {
            sql.execute(rendered);
        } catch (RuntimeException e) {
            if (!addColumn.matches() || !hasColumn(sql, database, addColumn.group(1), addColumn.group(2))) {
                throw e;
            }
        }
    }

    private static boolean hasLedger(ClickHouseSql sql, String database) {
        return sql.queryIn("system", HAS_LEDGER.bind("database", database).render(), row -> row.get("n").asLong()).get(0) > 0;
    }

    private static boolean hasColumn(ClickHouseSql sql, String database, String table, String column) {
        return sql.query(HAS_COLUMN.bind("database", database).bind("table", table).bind("column", column).render(),
                row -> row.get("n").asLong()).get(0) > 0;
    }

    /** Statements end with a semicolon at the end of a line; comment lines are dropped. */
    static List<String> statements(String text) {
        String withoutComments = text.lines().filter(line -> !line.stripLeading().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/clickmap/migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
