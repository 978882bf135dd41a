package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import io.clickmap.testing.ClickHouseExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {
    /** Every table and view the migrations create, by name. */
    private static final List<String> TABLES = List.of(
            "alert_checks", "alerts", "api_keys", "chain_clicks_daily", "chain_clicks_daily_from_landing",
            "chainless_clicks_daily", "chainless_clicks_daily_from_landing", "clicks_daily", "clicks_daily_from_landing",
            "daily_ids", "daily_ids_from_landing", "element_chains", "element_chains_from_landing", "element_clicks_daily",
            "element_clicks_daily_from_landing", "element_matches", "element_urls", "element_urls_from_landing", "elements",
            "environments", "events", "events_from_landing", "events_landing", "insight_sharing", "insight_sharing_tokens",
            "insight_sharing_tokens_mv", "insight_views", "insights", "internal_users", "schema_migrations", "toolbar_tokens",
            "users");

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static Client client;
    private static ClickHouseSql sql;

    @BeforeAll
    static void connect() {
        client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()));
        sql = new ClickHouseSql(client);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void applyingTwiceCreatesEveryTableOnceAndRecordsEveryMigration() {
        Migrations.apply(sql, CLICKHOUSE.database());
        Migrations.apply(sql, CLICKHOUSE.database());

        assertThat(CLICKHOUSE.sql("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name FORMAT TSV").lines())
                .containsExactlyElementsOf(TABLES);
        // one row per migration, not one per application
        assertThat(CLICKHOUSE.sql("SELECT version, name FROM schema_migrations ORDER BY version FORMAT TSV").lines())
                .containsExactlyElementsOf(Migrations.FILES.stream().map(file -> Integer.parseInt(file.substring(1, 4)) + "\t" + file).toList());
    }

    @Test
    void twoProcessesMigratingAFreshDatabaseAtOnceBothSucceed() {
        String database = CLICKHOUSE.database() + "_race";
        ClickHouseConfig config = new ClickHouseConfig(CLICKHOUSE.url(), database, CLICKHOUSE.user(), CLICKHOUSE.password());
        List<Client> clients = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Client own = ClickHouseClients.create(config);
                clients.add(own);
                runs.add(CompletableFuture.runAsync(() -> Migrations.apply(new ClickHouseSql(own), database)));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

            assertThat(CLICKHOUSE.sql("SELECT count() FROM system.tables WHERE database = '" + database + "' FORMAT TSV").strip())
                    .isEqualTo(String.valueOf(TABLES.size()));
            assertThat(CLICKHOUSE.sql("SELECT uniqExact(version) FROM " + database + ".schema_migrations FORMAT TSV").strip())
                    .isEqualTo(String.valueOf(Migrations.FILES.size()));
        } finally {
            clients.forEach(Client::close);
            CLICKHOUSE.sql("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void anAppliedMigrationWhoseTextChangedStopsStartUp() {
        String database = CLICKHOUSE.database() + "_edited";
        try (Client own = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), database, CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            ClickHouseSql ownSql = new ClickHouseSql(own);
            Migrations.apply(ownSql, database);
            CLICKHOUSE.sql("INSERT INTO " + database + ".schema_migrations (version, name, checksum) VALUES (1, 'V001__events.sql', 'edited')");

            assertThatThrownBy(() -> Migrations.apply(ownSql, database))
                    .hasMessageContaining("V001__events.sql changed after it was applied");
        } finally {
            CLICKHOUSE.sql("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void aColumnThatAMigrationAddsAndIsThereAlreadyIsNoFailure() {
        // as a run leaves it that added the column and stopped before recording the migration
        String database = CLICKHOUSE.database() + "_added";
        try (Client own = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), database, CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            CLICKHOUSE.sql("CREATE DATABASE " + database);
            CLICKHOUSE.sql("CREATE TABLE " + database + ".api_keys (id String, key_hash String, user_id Int64 DEFAULT 0, version UInt64) "
                    + "ENGINE = ReplacingMergeTree(version) ORDER BY key_hash");

            Migrations.apply(new ClickHouseSql(own), database);

            assertThat(CLICKHOUSE.sql("SELECT uniqExact(version) FROM " + database + ".schema_migrations FORMAT TSV").strip())
                    .isEqualTo(String.valueOf(Migrations.FILES.size()));
        } finally {
            CLICKHOUSE.sql("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void aFailingColumnAdditionStillFails() {
        String database = CLICKHOUSE.database() + "_clash";
        try (Client own = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), database, CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            CLICKHOUSE.sql("CREATE DATABASE " + database);
            // an api_keys that cannot take the column: a view has no ADD COLUMN
            CLICKHOUSE.sql("CREATE VIEW " + database + ".api_keys AS SELECT 'bootstrap' AS id");

            assertThatThrownBy(() -> Migrations.apply(new ClickHouseSql(own), database)).isInstanceOf(ServerException.class);
            assertThat(CLICKHOUSE.sql("SELECT count() FROM " + database + ".schema_migrations WHERE name = 'V006__users.sql' FORMAT TSV").strip())
                    .isEqualTo("0");
        } finally {
            CLICKHOUSE.sql("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void unqualifiedTablesAreTheConfiguredDatabasesOnEveryServerVersion() {
        Migrations.apply(sql, CLICKHOUSE.database());

        assertThat(sql.query("SELECT currentDatabase() AS db, count() AS n FROM events", row -> row.get("db").asText()))
                .containsExactly(CLICKHOUSE.database());
    }

    @Test
    void statementsSplitAtSemicolonsEndingALineAndDropComments() {
        assertThat(Migrations.statements("-- a comment; with a semicolon\nCREATE A;\n\nCREATE B (x String DEFAULT ';');\n"))
                .containsExactly("CREATE A", "CREATE B (x String DEFAULT ';')");
    }
}
