package io.clickmap.api.users;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The {@code users} table: rows are versioned and read with {@code FINAL}, so the newest version of an id wins.
 * E-mails are compared with ClickHouse's {@code lowerUTF8} on both sides, one rule for what "the same address" is.
 * ClickHouse failures pass through to the caller.
 */
@Singleton
public class UserStore {
    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String COLUMNS = "id, toString(uuid) AS uuid, email, first_name, last_name, toString(created_at) AS created_at";
    private static final SqlTemplate FIND = SqlTemplate.of("SELECT " + COLUMNS + " FROM users FINAL WHERE id = {id}");
    private static final SqlTemplate BY_EMAIL = SqlTemplate.of(
            "SELECT " + COLUMNS + " FROM users FINAL WHERE lowerUTF8(email) = lowerUTF8({email}) ORDER BY created_at, id");
    private static final SqlTemplate LIST = SqlTemplate.of("SELECT " + COLUMNS + " FROM users FINAL ORDER BY created_at, id");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO users (id, uuid, email, first_name, last_name, created_at, version)
            SELECT {id}, toUUID({uuid}), {email}, {first_name}, {last_name}, {created_at}, {version}""");

    private final ClickHouseSql sql;

    public UserStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    public Optional<User> find(long id) {
        return sql.query(FIND.bind("id", id).render(), UserStore::user).stream().findFirst();
    }

    /** The user with this address in any case; the earliest, should a race have stored two. */
    public Optional<User> findByEmail(String email) {
        return sql.query(BY_EMAIL.bind("email", email).render(), UserStore::user).stream().findFirst();
    }

    public List<User> list() {
        return sql.query(LIST.render(), UserStore::user);
    }

    /** Writes the user as the newest version of its id. */
    public void save(User user) {
        sql.execute(INSERT.bind("id", user.id())
                .bind("uuid", user.uuid())
                .bind("email", user.email())
                .bind("first_name", user.firstName())
                .bind("last_name", user.lastName())
                .bind("created_at", user.createdAt())
                .bind("version", Versions.next())
                .render());
    }

    private static User user(JsonNode row) {
        Instant created = LocalDateTime.parse(row.get("created_at").asText(), CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC);
        return new User(row.get("id").asLong(), row.get("uuid").asText(), row.get("email").asText(), row.get("first_name").asText(),
                row.get("last_name").asText(), created);
    }
}
