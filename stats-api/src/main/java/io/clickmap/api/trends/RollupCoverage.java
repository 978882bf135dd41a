package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which days of an environment the daily rollups hold completely. A materialized view sees only the inserts made
 * after it exists, so the days of events stored before the chainless rollup (V009) was applied are not covered.
 * Both times are the server's {@code now()} in whole seconds, so an event stored in the second V009 was recorded
 * counts as older: an uncertain day is read from {@code events}. Found once per environment and process — events
 * stored later always get a later {@code inserted_at}, so the answer never changes; without V009 in the ledger no
 * day is covered, and the ledger is asked again next time. ClickHouse failures pass through.
 */
@Singleton
class RollupCoverage {
    /** The migration that created {@code chainless_clicks_daily} (V009__chainless_rollup.sql); element_clicks_daily is older. */
    static final int CHAINLESS_ROLLUP_MIGRATION = 9;
    private static final SqlTemplate APPLIED = SqlTemplate.of("SELECT count() AS records, toUInt32(max(applied_at)) AS applied "
            + "FROM schema_migrations WHERE version = {version}");
    private static final SqlTemplate OLDER_DAYS = SqlTemplate.of("SELECT toUInt32(toDate(timestamp)) AS day FROM events "
            + "WHERE team_id = {team} AND inserted_at <= {applied} GROUP BY day ORDER BY day");

    /** The days (as epoch days, ascending) that hold events stored before V009 was applied; all days when it was not. */
    record Coverage(boolean rollupsExist, long[] olderDays) {
        static final Coverage NONE = new Coverage(false, new long[0]);

        boolean covers(LocalDate day) {
            return rollupsExist && Arrays.binarySearch(olderDays, day.toEpochDay()) < 0;
        }
    }

    private final ClickHouseSql sql;
    private final ConcurrentHashMap<Long, Coverage> byEnvironment = new ConcurrentHashMap<>();
    private volatile Instant applied;

    RollupCoverage(ClickHouseSql sql) {
        this.sql = sql;
    }

    Coverage of(long environmentId, ServerTiming timing) {
        Coverage known = byEnvironment.get(environmentId);
        if (known != null) {
            return known;
        }
        Instant since = applied(timing);
        if (since == null) {
            return Coverage.NONE;
        }
        // Two computations may both ask at first; they get the same answer.
        long[] older = timing.clickHouse(() -> sql.query(OLDER_DAYS.bind("team", environmentId).bind("applied", since).render(),
                row -> row.get("day").asLong())).stream().mapToLong(Long::longValue).toArray();
        Coverage found = new Coverage(true, older);
        byEnvironment.putIfAbsent(environmentId, found);
        return found;
    }

    /** When V009 was applied; with several records (processes migrating at once) the latest, which is the safe one. */
    private Instant applied(ServerTiming timing) {
        if (applied == null) {
            JsonNode ledger = timing.clickHouse(() -> sql.query(APPLIED.bind("version", CHAINLESS_ROLLUP_MIGRATION).render(), row -> row)).get(0);
            if (ledger.get("records").asLong() > 0) {
                applied = Instant.ofEpochSecond(ledger.get("applied").asLong());
            }
        }
        return applied;
    }
}
