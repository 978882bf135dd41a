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
 * Which days of an environment a daily rollup holds completely. A materialized view sees only the inserts made after
 * it exists, so the days of events stored before the migration that created the rollup was applied are not covered.
 * Both times are the server's {@code now()} in whole seconds, so an event stored in the second the migration was
 * recorded counts as older: an uncertain day is read from elsewhere. Found once per migration, environment and process
 * — events stored later always get a later {@code inserted_at}, so the answer never changes; without the migration in
 * the ledger no day is covered, and the ledger is asked again next time. ClickHouse failures pass through.
 */
@Singleton
class RollupCoverage {
    /** Created {@code chainless_clicks_daily} (V009__chainless_rollup.sql); element_clicks_daily is older. */
    static final int CHAINLESS_ROLLUP_MIGRATION = 9;
    /** Created {@code clicks_daily} (V010__clicks_rollup.sql). */
    static final int CLICKS_ROLLUP_MIGRATION = 10;
    /** Created {@code daily_ids} (V015__daily_ids.sql). */
    static final int DAILY_IDS_MIGRATION = 15;
    /** Created {@code chain_clicks_daily} (V016__chain_clicks_rollup.sql). */
    static final int CHAIN_CLICKS_ROLLUP_MIGRATION = 16;
    private static final SqlTemplate APPLIED = SqlTemplate.of("SELECT count() AS records, toUInt32(max(applied_at)) AS applied "
            + "FROM schema_migrations WHERE version = {version}");
    private static final SqlTemplate OLDER_DAYS = SqlTemplate.of("SELECT toUInt32(toDate(timestamp)) AS day FROM events "
            + "WHERE team_id = {team} AND inserted_at <= {applied} GROUP BY day ORDER BY day");

    /** The days (as epoch days, ascending) that hold events stored before the migration was applied; all days when it was not. */
    record Coverage(boolean rollupExists, long[] olderDays) {
        static final Coverage NONE = new Coverage(false, new long[0]);

        boolean covers(LocalDate day) {
            return rollupExists && Arrays.binarySearch(olderDays, day.toEpochDay()) < 0;
        }
    }

    private record Key(int migration, long environmentId) {
    }

    private final ClickHouseSql sql;
    private final ConcurrentHashMap<Key, Coverage> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Instant> applied = new ConcurrentHashMap<>();

    RollupCoverage(ClickHouseSql sql) {
        this.sql = sql;
    }

    /** The coverage of the rollup that {@code migration} (its version) created. */
    Coverage of(int migration, long environmentId, ServerTiming timing) {
        Key key = new Key(migration, environmentId);
        Coverage found = known.get(key);
        if (found != null) {
            return found;
        }
        Instant since = applied(migration, timing);
        if (since == null) {
            return Coverage.NONE;
        }
        // Two computations may both ask at first; they get the same answer.
        long[] older = timing.clickHouse(() -> sql.query(OLDER_DAYS.bind("team", environmentId).bind("applied", since).render(),
                row -> row.get("day").asLong())).stream().mapToLong(Long::longValue).toArray();
        found = new Coverage(true, older);
        known.putIfAbsent(key, found);
        return found;
    }

    /** When the migration was applied; with several records (processes migrating at once) the latest, which is the safe one. */
    private Instant applied(int migration, ServerTiming timing) {
        Instant since = applied.get(migration);
        if (since == null) {
            JsonNode ledger = timing.clickHouse(() -> sql.query(APPLIED.bind("version", migration).render(), row -> row)).get(0);
            if (ledger.get("records").asLong() > 0) {
                since = Instant.ofEpochSecond(ledger.get("applied").asLong());
                applied.putIfAbsent(migration, since);
            }
        }
        return since;
    }
}
