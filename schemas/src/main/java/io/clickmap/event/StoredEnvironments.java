package io.clickmap.event;

import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The environments of ClickHouse's {@code environments} table plus configured ones (ingest's, capture's).
 * Kept in memory; re-read when it is older than a minute, and on a miss at most every few seconds,
 * so an environment created a moment ago is found without a database query per event. A failed
 * re-read throws the client's exception: the caller retries rather than rejecting the event.
 */
public final class StoredEnvironments implements Environments {
    private static final SqlTemplate LIVE = SqlTemplate.of("SELECT id, token FROM environments FINAL WHERE deleted = 0");
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final Duration MIN_INTERVAL_ON_MISS = Duration.ofSeconds(2);

    private final ClickHouseSql sql;
    private final Map<Long, String> configured;
    private final Clock clock;
    private Map<Long, String> tokensById = Map.of();
    private Map<String, Long> idsByToken = Map.of();
    private Instant readAt = Instant.MIN;

    public StoredEnvironments(ClickHouseSql sql, Map<Long, String> configured, Clock clock) {
        this.sql = sql;
        this.configured = Map.copyOf(configured);
        this.clock = clock;
    }

    @Override
    public synchronized boolean exists(long teamId) {
        refreshIf(MAX_AGE);
        if (!tokensById.containsKey(teamId)) {
            refreshIf(MIN_INTERVAL_ON_MISS);
        }
        return tokensById.containsKey(teamId);
    }

    @Override
    public synchronized OptionalLong byToken(String token) {
        refreshIf(MAX_AGE);
        if (!idsByToken.containsKey(token)) {
            refreshIf(MIN_INTERVAL_ON_MISS);
        }
        Long id = idsByToken.get(token);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    private void refreshIf(Duration olderThan) {
        Instant now = clock.instant();
        if (readAt.plus(olderThan).isAfter(now)) {
            return;
        }
        Map<Long, String> tokens = new HashMap<>(configured);
        sql.query(LIVE.render(), row -> Map.entry(row.get("id").asLong(), row.get("token").asText()))
                .forEach(entry -> tokens.put(entry.getKey(), entry.getValue()));
        Map<String, Long> ids = new HashMap<>();
        tokens.forEach((id, token) -> {
            if (!token.isEmpty()) {
                ids.put(token, id);
            }
        });
        tokensById = tokens;
        idsByToken = ids;
        readAt = now;
    }
}
