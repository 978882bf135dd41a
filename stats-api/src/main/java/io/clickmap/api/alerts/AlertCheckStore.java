package io.clickmap.api.alerts;

import io.clickmap.api.clickhouse.Micros;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alert_checks} table (V013): one inserted row per check, never changed. Reads ask for the newest checks of
 * some alerts of one environment, a thousand alerts per statement at most (so the statement stays far below
 * ClickHouse's query size limit), among the checks of the last {@link #REMEMBERED} only: the table keeps growing,
 * and a read must not grow with it. ClickHouse failures pass through.
 */
@Singleton
class AlertCheckStore {
    /** How many checks an alert shows (PostHog shows its five newest). */
    static final int SHOWN = 5;
    /**
     * How far back reads look: beyond the longest interval between two checks (a month), so an enabled alert always
     * has its last check within it; an alert whose newest check is older (a checker stopped for weeks) is due at once.
     */
    static final Duration REMEMBERED = Duration.ofDays(40);
    private static final int IDS_PER_QUERY = 1_000;
    private static final SqlTemplate RECENT = SqlTemplate.of("SELECT alert_id, checked_at, check_epoch, state, value, reason, next_check_at, "
            + "insight_interval FROM alert_checks WHERE team_id = {team} AND alert_id IN ({ids}) AND checked_at >= {since} "
            + "ORDER BY alert_id, checked_at DESC LIMIT {shown} BY alert_id");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO alert_checks (team_id, alert_id, checked_at, check_epoch, state, value, reason, next_check_at, insight_interval)
            VALUES ({team}, {alert}, {checked_at}, {epoch}, {state}, {value}, {reason}, {next}, {interval})""");

    private final ClickHouseSql sql;
    private final Clock clock;

    AlertCheckStore(ClickHouseSql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The newest checks of each of these alerts, newest first; an alert never checked has none. */
    Map<String, List<AlertCheck>> recent(long environmentId, List<String> alertIds, ServerTiming timing) {
        Map<String, List<AlertCheck>> checks = new HashMap<>();
        long since = Micros.of(clock.instant().minus(REMEMBERED));
        for (int from = 0; from < alertIds.size(); from += IDS_PER_QUERY) {
            List<String> chunk = alertIds.subList(from, Math.min(alertIds.size(), from + IDS_PER_QUERY));
            String ids = String.join(", ", chunk.stream().map(SqlLiteral::string).toList());
            String query = RECENT.bind("team", environmentId).bind("ids", new SqlTemplate.Fragment(ids)).bind("shown", SHOWN).bind("since", since).render();
            timing.clickHouse(() -> sql.query(query, AlertCheckStore::check))
                    .forEach(check -> checks.computeIfAbsent(check.alertId(), id -> new ArrayList<>()).add(check));
        }
        return checks;
    }

    void save(long environmentId, AlertCheck check) {
        String statement = INSERT.bind("team", environmentId)
                .bind("alert", check.alertId())
                .bind("checked_at", Micros.of(check.checkedAt()))
                .bind("epoch", check.checkEpoch())
                .bind("state", check.state().wireName)
                .bind("value", check.value() == null ? SqlTemplate.Fragment.code("NULL") : check.value())
                .bind("reason", check.reason())
                .bind("next", Micros.of(check.nextCheckAt()))
                .bind("interval", check.interval())
                .render();
        sql.execute(statement);
    }

    private static AlertCheck check(JsonNode row) {
        JsonNode value = row.get("value");
        return new AlertCheck(row.get("alert_id").asText(), Micros.instant(row.get("checked_at").asLong()), row.get("check_epoch").asLong(),
                AlertState.named(row.get("state").asText()), value.isNull() ? null : value.asDouble(), row.get("reason").asText(),
                Micros.instant(row.get("next_check_at").asLong()), row.get("insight_interval").asText());
    }
}
