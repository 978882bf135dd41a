package io.clickmap.api.toolbar;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code toolbar_tokens} table (V014), keyed by the token's SHA-256. Rows are versioned (ReplacingMergeTree, read
 * with {@code FINAL}); revoking writes newer versions with {@code revoked = 1}, all of an environment's in one
 * {@code INSERT … SELECT}. Values reach SQL only through {@link SqlTemplate}'s literals; ClickHouse failures pass through.
 */
@Singleton
class ToolbarTokenStore {
    private static final SqlTemplate BY_HASH = SqlTemplate.of("""
            SELECT token_hash, team_id, key_id, created_at, expires_at, revoked FROM toolbar_tokens FINAL WHERE token_hash = {hash}""");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO toolbar_tokens (token_hash, team_id, key_id, created_at, expires_at, revoked, version)
            VALUES ({hash}, {team}, {key}, {created_at}, {expires_at}, 0, {version})""");
    private static final SqlTemplate LIVE = SqlTemplate.of("""
            SELECT count() AS n FROM toolbar_tokens FINAL WHERE team_id = {team} AND revoked = 0 AND expires_at > {now}""");
    private static final SqlTemplate REVOKE_ENVIRONMENT = SqlTemplate.of("""
            INSERT INTO toolbar_tokens (token_hash, team_id, key_id, created_at, expires_at, revoked, version)
            SELECT token_hash, team_id, key_id, created_at, expires_at, 1, {version}
            FROM toolbar_tokens FINAL WHERE team_id = {team} AND revoked = 0""");

    private final ClickHouseSql sql;

    ToolbarTokenStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    Optional<ToolbarToken> find(String tokenHash) {
        return sql.query(BY_HASH.bind("hash", tokenHash).render(), ToolbarTokenStore::token).stream().findFirst();
    }

    void save(ToolbarToken token) {
        sql.execute(INSERT.bind("hash", token.tokenHash())
                .bind("team", token.environmentId())
                .bind("key", token.keyId())
                .bind("created_at", Micros.of(token.createdAt()))
                .bind("expires_at", Micros.of(token.expiresAt()))
                .bind("version", Versions.next())
                .render());
    }

    /** Revokes every token of the environment; the answer is how many of them could still have been used. */
    long revokeAll(long environmentId, Instant now) {
        long live = sql.query(LIVE.bind("team", environmentId).bind("now", Micros.of(now)).render(), row -> row.get("n").asLong()).get(0);
        sql.execute(REVOKE_ENVIRONMENT.bind("team", environmentId).bind("version", Versions.next()).render());
        return live;
    }

    private static ToolbarToken token(JsonNode row) {
        return new ToolbarToken(row.get("token_hash").asText(), row.get("team_id").asLong(), row.get("key_id").asText(),
                Micros.instant(row.get("created_at").asLong()), Micros.instant(row.get("expires_at").asLong()), row.get("revoked").asInt() == 1);
    }
}
