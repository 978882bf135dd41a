package io.clickmap.api.environments;

import io.clickmap.api.clickhouse.Versions;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The {@code environments} table: rows are versioned and read with {@code FINAL}, so the newest version of an
 * id wins. Ingest reads the same table to accept events, which makes this (through the CLI) the way operators
 * create environments. ClickHouse failures pass through to the caller.
 */
@Singleton
public class EnvironmentStore {
    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final SqlTemplate FIND = SqlTemplate.of("""
            SELECT id, name, token, toString(created_at) AS created_at FROM environments FINAL
            WHERE id = {id} AND deleted = 0""");
    private static final SqlTemplate LIST = SqlTemplate.of("""
            SELECT id, name, token, toString(created_at) AS created_at FROM environments FINAL
            WHERE deleted = 0 ORDER BY id""");
    private static final SqlTemplate BY_TOKEN = SqlTemplate.of("""
            SELECT id, name, token, toString(created_at) AS created_at FROM environments FINAL
            WHERE token = {token} AND deleted = 0 ORDER BY id""");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO environments (id, name, token, created_at, deleted, version)
            SELECT {id}, {name}, {token}, {created_at}, 0, {version}""");

    private final ClickHouseSql sql;

    public EnvironmentStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    public Optional<Environment> find(long id) {
        return sql.query(FIND.bind("id", id).render(), EnvironmentStore::environment).stream().findFirst();
    }

    public List<Environment> list() {
        return sql.query(LIST.render(), EnvironmentStore::environment);
    }

    public List<Environment> withToken(String token) {
        return sql.query(BY_TOKEN.bind("token", token).render(), EnvironmentStore::environment);
    }

    /** Writes the environment as the newest version of its id. */
    public void save(Environment environment) {
        sql.execute(INSERT.bind("id", environment.id())
                .bind("name", environment.name())
                .bind("token", environment.token())
                .bind("created_at", environment.createdAt())
                .bind("version", Versions.next())
                .render());
    }

    private static Environment environment(com.fasterxml.jackson.databind.JsonNode row) {
        Instant created = LocalDateTime.parse(row.get("created_at").asText(), CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC);
        return new Environment(row.get("id").asLong(), row.get("name").asText(), row.get("token").asText(), created);
    }
}
