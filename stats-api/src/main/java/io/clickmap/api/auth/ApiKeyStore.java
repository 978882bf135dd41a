package io.clickmap.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.users.UserIds;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_keys} table. Rows are versioned (ReplacingMergeTree, read with {@code FINAL}); revoking
 * writes a newer version of the same key hash with {@code revoked = 1}. ClickHouse failures pass through.
 * A row stored before keys had users reads {@code user_id = 0}: it belongs to the bootstrap user if it is the
 * bootstrap key, else to the "legacy keys" user; migration V006 stored both users, with these fixed ids.
 */
@Singleton
public class ApiKeyStore {
    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String COLUMNS =
            "id, key_hash, label, user_id, scopes, all_environments, environments, toString(created_at) AS created_at, revoked";
    private static final SqlTemplate BY_HASH = SqlTemplate.of("SELECT " + COLUMNS + " FROM api_keys FINAL WHERE key_hash = {hash}");
    private static final SqlTemplate BY_ID = SqlTemplate.of("SELECT " + COLUMNS + " FROM api_keys FINAL WHERE id = {id}");
    private static final SqlTemplate ALL = SqlTemplate.of("SELECT " + COLUMNS + " FROM api_keys FINAL ORDER BY created_at, id");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO api_keys (id, key_hash, label, user_id, scopes, all_environments, environments, created_at, revoked, version)
            SELECT {id}, {hash}, {label}, {user_id}, CAST({scopes} AS Array(String)), {all}, CAST({environments} AS Array(Int64)),
                   {created_at}, {revoked}, {version}""");

    private final ClickHouseSql sql;

    public ApiKeyStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    public Optional<ApiKey> findByHash(String keyHash) {
        return sql.query(BY_HASH.bind("hash", keyHash).render(), ApiKeyStore::stored).stream().findFirst().map(StoredKey::key);
    }

    /** The key with this id, as last written (revoked or not); empty when none has it. */
    public Optional<ApiKey> find(String id) {
        return sql.query(BY_ID.bind("id", id).render(), ApiKeyStore::stored).stream().findFirst().map(StoredKey::key);
    }

    public List<ApiKey> list() {
        return sql.query(ALL.render(), ApiKeyStore::stored).stream().map(StoredKey::key).toList();
    }

    public void save(ApiKey key, String keyHash) {
        sql.execute(INSERT.bind("id", key.id())
                .bind("hash", keyHash)
                .bind("label", key.label())
                .bind("user_id", key.userId())
                .bind("scopes", key.scopes())
                .bind("all", key.allEnvironments() ? 1 : 0)
                .bind("environments", key.environments())
                .bind("created_at", key.createdAt())
                .bind("revoked", key.revoked() ? 1 : 0)
                .bind("version", Versions.next())
                .render());
    }

    /** Revokes the key with this id; false when no such key exists. */
    public boolean revoke(String id) {
        List<StoredKey> found = sql.query(BY_ID.bind("id", id).render(), ApiKeyStore::stored);
        for (StoredKey stored : found) {
            save(stored.key().asRevoked(), stored.hash());
        }
        return !found.isEmpty();
    }

    private static StoredKey stored(JsonNode row) {
        List<String> scopes = new ArrayList<>();
        row.get("scopes").forEach(scope -> scopes.add(scope.asText()));
        List<Long> environments = new ArrayList<>();
        row.get("environments").forEach(environment -> environments.add(environment.asLong()));
        Instant created = LocalDateTime.parse(row.get("created_at").asText(), CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC);
        String id = row.get("id").asText();
        long userId = row.get("user_id").asLong();
        if (userId == 0) {
            userId = id.equals(BootstrapAccess.KEY_ID) ? UserIds.BOOTSTRAP : UserIds.LEGACY_KEYS;
        }
        ApiKey key = new ApiKey(id, row.get("label").asText(), userId, scopes, row.get("all_environments").asInt() == 1, environments, created,
                row.get("revoked").asInt() == 1);
        return new StoredKey(key, row.get("key_hash").asText());
    }

    private record StoredKey(ApiKey key, String hash) {
    }
}
