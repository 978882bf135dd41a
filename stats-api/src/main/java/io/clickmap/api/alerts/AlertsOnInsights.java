package io.clickmap.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.insights.InsightAlerts;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts an insight object lists, as the alerts API answers them: the live alerts on some insights with their
 * newest checks, in one statement (each alert's current version joined with its checks, gathered into arrays), so a
 * page of insights costs one read. The checks are those {@link AlertCheckStore} reads, by the same bounds. ClickHouse
 * failures pass through.
 */
@Singleton
class AlertsOnInsights implements InsightAlerts {
    // NULL values would be skipped by groupArray, so a missing value is carried as a flag beside a zero.
    private static final SqlTemplate ON_INSIGHTS = SqlTemplate.of("SELECT " + AlertStore.COLUMNS + ", check_times, check_epochs, check_states, "
            + "check_values, check_valueless, check_reasons, check_next, check_intervals FROM (SELECT " + AlertStore.COLUMNS + " FROM alerts "
            + "WHERE team_id = {team} AND has({insights}, insight_id) ORDER BY id, version DESC LIMIT 1 BY id) "
            + "ANY LEFT JOIN (SELECT alert_id AS id, groupArray(checked_at) AS check_times, groupArray(check_epoch) AS check_epochs, "
            + "groupArray(state) AS check_states, groupArray(ifNull(value, 0)) AS check_values, groupArray(isNull(value)) AS check_valueless, "
            + "groupArray(reason) AS check_reasons, groupArray(next_check_at) AS check_next, groupArray(insight_interval) AS check_intervals "
            + "FROM (SELECT alert_id, checked_at, check_epoch, state, value, reason, next_check_at, insight_interval FROM alert_checks "
            + "WHERE team_id = {team} AND checked_at >= {since} "
            + "AND alert_id IN (SELECT id FROM alerts WHERE team_id = {team} AND has({insights}, insight_id)) "
            + "ORDER BY alert_id, checked_at DESC LIMIT {shown} BY alert_id) GROUP BY alert_id) USING id "
            + "WHERE deleted = 0 ORDER BY created_at DESC, id");

    private final ClickHouseSql sql;
    private final AlertResponses responses;
    private final Clock clock;

    AlertsOnInsights(ClickHouseSql sql, AlertResponses responses, Clock clock) {
        this.sql = sql;
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public Map<Long, List<Object>> on(long environmentId, Map<Long, Object> shown, ServerTiming timing) {
        Map<Long, List<Object>> alerts = new HashMap<>();
        if (shown.isEmpty()) {
            return alerts;
        }
        String query = ON_INSIGHTS.bind("team", environmentId).bind("insights", List.copyOf(shown.keySet()))
                .bind("since", Micros.of(clock.instant().minus(AlertCheckStore.REMEMBERED))).bind("shown", AlertCheckStore.SHOWN).render();
        for (JsonNode row : timing.clickHouse(() -> sql.query(query, row -> row))) {
            StoredAlert alert = AlertStore.row(row).alert();
            AlertJson.Alert json = responses.json(alert, AlertStatus.of(alert, checks(alert.id(), row)), shown);
            alerts.computeIfAbsent(alert.fields().insightId(), id -> new ArrayList<>()).add(json);
        }
        return alerts;
    }

    /** The row's checks, newest first (groupArray keeps no order of its own). */
    private static List<AlertCheck> checks(String alertId, JsonNode row) {
        List<AlertCheck> checks = new ArrayList<>();
        JsonNode times = row.get("check_times");
        for (int i = 0; i < times.size(); i++) {
            Double value = row.get("check_valueless").get(i).asInt() == 1 ? null : row.get("check_values").get(i).asDouble();
            checks.add(new AlertCheck(alertId, Micros.instant(times.get(i).asLong()), row.get("check_epochs").get(i).asLong(),
                    AlertState.named(row.get("check_states").get(i).asText()), value, row.get("check_reasons").get(i).asText(),
                    Micros.instant(row.get("check_next").get(i).asLong()), row.get("check_intervals").get(i).asText()));
        }
        checks.sort(Comparator.comparing(AlertCheck::checkedAt).reversed());
        return checks;
    }
}
