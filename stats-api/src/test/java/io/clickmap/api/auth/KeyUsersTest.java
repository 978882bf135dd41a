package io.clickmap.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.clickhouse.client.api.Client;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.clickhouse.SchemaAtStartup;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.User;
import io.clickmap.api.users.UserIds;
import io.clickmap.api.users.UserStore;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every key belongs to a user: stored with it, and for rows from before keys had users, by the documented rule. */
@MicronautTest
class KeyUsersTest extends ServiceTest {
    private static final String OLD_COLUMNS = "(id, key_hash, label, scopes, all_environments, environments, created_at, revoked, version)";
    private static final User LEGACY_KEYS = new User(UserIds.LEGACY_KEYS, "00000000-0000-4000-8000-000000000002", "legacy-keys@clickmap.local",
            "Legacy keys", "", Instant.EPOCH);

    @Inject
    ApiKeyStore keys;
    @Inject
    UserStore users;
    @Inject
    SchemaAtStartup schema;
    @Inject
    AuthConfig config;
    @Inject
    EnvironmentStore environments;

    @Test
    void aKeyIsStoredWithItsUser() {
        User ada = new User(UserIds.random(), UUID.randomUUID().toString(), "ada@example.com", "Ada", "", Instant.now());
        users.save(ada);
        ApiKey key = new ApiKey("ada-key", "Ada's", ada.id(), List.of(Scopes.ELEMENT_READ), true, List.of(), Instant.parse("2026-01-02T03:04:05Z"),
                false);
        keys.save(key, "hash-of-ada-key");

        assertThat(keys.findByHash("hash-of-ada-key")).contains(key);
        assertThat(scalar("SELECT user_id FROM api_keys FINAL WHERE key_hash = 'hash-of-ada-key'")).isEqualTo(String.valueOf(ada.id()));
        keys.revoke("ada-key");
        assertThat(keys.findByHash("hash-of-ada-key")).get().extracting(ApiKey::userId, ApiKey::revoked).containsExactly(ada.id(), true);
    }

    @Test
    void keysStoredBeforeKeysHadUsersBelongToTheBootstrapUserOrTheLegacyKeysUser() {
        CLICKHOUSE.sql("INSERT INTO api_keys " + OLD_COLUMNS + " VALUES ('old', 'hash-old', 'old', ['*'], 1, [], now(), 0, 1), "
                + "('bootstrap', 'hash-old-bootstrap', 'old bootstrap', ['*'], 1, [], now(), 0, 1)");

        assertThat(keys.findByHash("hash-old")).get().extracting(ApiKey::userId).isEqualTo(UserIds.LEGACY_KEYS);
        assertThat(keys.findByHash("hash-old-bootstrap")).get().extracting(ApiKey::userId).isEqualTo(UserIds.BOOTSTRAP);
        assertThat(users.find(UserIds.LEGACY_KEYS)).get().usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(LEGACY_KEYS);
        assertThat(users.find(UserIds.BOOTSTRAP)).isPresent();
    }

    @Test
    void theBootstrapUserIsStoredOnceAndOwnsTheBootstrapKeyAcrossRestarts() {
        String hash = ApiKeySecrets.hash(ADMIN_KEY);
        for (int start = 1; start <= 2; start++) {
            if (start == 2) {
                new BootstrapAccess(schema, config, keys, users, environments);
            }
            assertThat(scalar("SELECT count() FROM users WHERE id = " + UserIds.BOOTSTRAP)).as("start %d", start).isEqualTo("1");
            assertThat(scalar("SELECT groupArray(user_id) FROM api_keys WHERE key_hash = '" + hash + "'")).as("start %d", start)
                    .isEqualTo("[" + UserIds.BOOTSTRAP + "]");
        }
        User stored = users.find(UserIds.BOOTSTRAP).orElseThrow();
        assertThat(stored).isEqualTo(BootstrapAccess.user(stored.createdAt()));
        assertThat(stored.email()).isEqualTo("bootstrap@clickmap.local");
        assertThat(stored.firstName()).isEqualTo("Bootstrap");
        assertThat(keys.findByHash(hash)).get().extracting(ApiKey::userId).isEqualTo(UserIds.BOOTSTRAP);
    }

    @Test
    void migratingADatabaseFromBeforeUsersStoresTheUsersItsKeysBelongTo() throws IOException {
        String database = CLICKHOUSE.database() + "_upgraded";
        CLICKHOUSE.sql("CREATE DATABASE " + database);
        try (Client client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), database, CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            // api_keys as V004 made it, holding a bootstrap key and another
            CLICKHOUSE.sql(migration("V004__api_keys.sql").replace("{database}", database).strip().replaceAll(";$", ""));
            CLICKHOUSE.sql("INSERT INTO " + database + ".api_keys " + OLD_COLUMNS
                    + " VALUES ('bootstrap', 'hash-b', 'b', ['*'], 1, [], now(), 0, 7), "
                    + "('3f2a9c0d41b7', 'hash-o', 'o', ['element:read'], 0, [1], now(), 0, 7)");
            ClickHouseSql sql = new ClickHouseSql(client);

            Migrations.apply(sql, database);

            ApiKeyStore upgradedKeys = new ApiKeyStore(sql);
            UserStore upgradedUsers = new UserStore(sql);
            assertThat(upgradedKeys.list()).extracting(ApiKey::id, ApiKey::userId)
                    .containsExactlyInAnyOrder(tuple("bootstrap", UserIds.BOOTSTRAP),
                            tuple("3f2a9c0d41b7", UserIds.LEGACY_KEYS));
            User bootstrap = upgradedUsers.find(UserIds.BOOTSTRAP).orElseThrow();
            assertThat(bootstrap).as("the user BootstrapAccess would store").isEqualTo(BootstrapAccess.user(bootstrap.createdAt()));
            assertThat(upgradedUsers.find(UserIds.LEGACY_KEYS)).get().usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(LEGACY_KEYS);
            assertThat(upgradedUsers.list()).hasSize(2);
        } finally {
            CLICKHOUSE.sql("DROP DATABASE IF EXISTS " + database);
        }
    }

    private static String migration(String file) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream("/clickmap/migrations/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
