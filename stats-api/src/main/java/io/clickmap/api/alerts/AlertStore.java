package io.clickmap.api.alerts;

import io.clickmap.api.clickhouse.Micros;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code alerts} table (V013): a write is one inserted row, the alert's next version; the current alert is its
 * highest version. Reads are within one environment ({@code team_id}), except the checker's, which looks at every
 * enabled alert. Inserts are synchronous, so the next read sees them. Values reach SQL only through
 * {@link SqlTemplate}'s literals; ClickHouse failures pass through.
 */
@Singleton
class AlertStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "team_id, id, version, check_epoch, insight_id, name, enabled, deleted, condition_type, config, "
            + "calculation_interval, threshold_id, threshold_name, threshold_created_at, threshold_configuration, subscribed_users, created_at, "
            + "created_by, written_by";
    private static final SqlTemplate BY_ID = SqlTemplate.of("SELECT " + COLUMNS + " FROM alerts WHERE team_id = {team} AND id = {id} "
            + "ORDER BY version DESC LIMIT 1");
    /** Each alert's current version in the environment, deleted ones too. */
    private static final SqlTemplate CURRENT = SqlTemplate.of("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM alerts "
            + "WHERE team_id = {team} ORDER BY id, version DESC LIMIT 1 BY id) {where} ORDER BY created_at DESC, id");
    private static final SqlTemplate ENABLED_EVERYWHERE = SqlTemplate.of("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM alerts "
            + "ORDER BY team_id, id, version DESC LIMIT 1 BY team_id, id) WHERE deleted = 0 AND enabled = 1");
    private static final SqlTemplate.Fragment LIVE = SqlTemplate.Fragment.code("WHERE deleted = 0");
    private static final SqlTemplate WITH_THRESHOLD_ON = SqlTemplate.of("WHERE insight_id = {insight} AND threshold_id != ''");
    private static final SqlTemplate LIVE_ON = SqlTemplate.of("WHERE deleted = 0 AND has({insights}, insight_id)");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO alerts (team_id, id, version, check_epoch, insight_id, name, enabled, deleted, condition_type, config,
                                calculation_interval, threshold_id, threshold_name, threshold_created_at, threshold_configuration,
                                subscribed_users, created_at, created_by, written_by)
            VALUES ({team}, {id}, {version}, {epoch}, {insight}, {name}, {enabled}, {deleted}, {condition}, {config},
                    {interval}, {threshold_id}, {threshold_name}, {threshold_created_at}, {threshold_configuration},
                    {users}, {created_at}, {created_by}, {written_by})""");

    /** A stored version and the environment it belongs to (the checker reads every environment's). */
    record Row(long environmentId, StoredAlert alert) {
    }

    private final ClickHouseSql sql;

    AlertStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    /** The current version, deleted or not. */
    Optional<StoredAlert> find(long environmentId, String id, ServerTiming timing) {
        String query = BY_ID.bind("team", environmentId).bind("id", id).render();
        return timing.clickHouse(() -> sql.query(query, AlertStore::row)).stream().map(Row::alert).findFirst();
    }

    /** The environment's alerts that are not deleted, newest first. */
    List<StoredAlert> live(long environmentId, ServerTiming timing) {
        return current(environmentId, LIVE, timing);
    }

    /** The alerts that are not deleted and watch one of these insights, newest first. */
    List<StoredAlert> liveOn(long environmentId, List<Long> insightIds, ServerTiming timing) {
        return current(environmentId, LIVE_ON.bind("insights", insightIds).fragment(), timing);
    }

    /** The current version of every alert, deleted or not, that has a threshold and watches this insight. */
    List<StoredAlert> withThresholdOn(long environmentId, long insightId, ServerTiming timing) {
        return current(environmentId, WITH_THRESHOLD_ON.bind("insight", insightId).fragment(), timing);
    }

    /** Every environment's enabled alerts, for the checker. */
    List<Row> enabledEverywhere() {
        return sql.query(ENABLED_EVERYWHERE.render(), AlertStore::row);
    }

    void save(long environmentId, StoredAlert alert, ServerTiming timing) {
        AlertFields fields = alert.fields();
        Threshold threshold = fields.threshold();
        String statement = INSERT.bind("team", environmentId)
                .bind("id", alert.id())
                .bind("version", alert.version())
                .bind("epoch", alert.checkEpoch())
                .bind("insight", fields.insightId())
                .bind("name", fields.name())
                .bind("enabled", fields.enabled())
                .bind("deleted", alert.deleted())
                .bind("condition", fields.condition().json())
                .bind("config", fields.config().json())
                .bind("interval", fields.calculationInterval().wireName)
                .bind("threshold_id", threshold == null ? "" : threshold.id())
                .bind("threshold_name", threshold == null ? "" : threshold.name())
                .bind("threshold_created_at", threshold == null ? 0L : Micros.of(threshold.createdAt()))
                .bind("threshold_configuration", threshold == null ? "" : threshold.configuration().json())
                .bind("users", fields.subscribedUsers())
                .bind("created_at", Micros.of(alert.createdAt()))
                .bind("created_by", alert.createdBy())
                .bind("written_by", alert.writtenBy())
                .render();
        timing.clickHouse(() -> {
            sql.execute(statement);
            return null;
        });
    }

    private List<StoredAlert> current(long environmentId, SqlTemplate.Fragment where, ServerTiming timing) {
        String query = CURRENT.bind("team", environmentId).bind("where", where).render();
        return timing.clickHouse(() -> sql.query(query, AlertStore::row)).stream().map(Row::alert).toList();
    }

    static Row row(JsonNode row) {
        List<Long> users = new ArrayList<>();
        row.get("subscribed_users").forEach(user -> users.add(user.asLong()));
        String thresholdId = row.get("threshold_id").asText();
        Threshold threshold = thresholdId.isEmpty() ? null : new Threshold(thresholdId, row.get("threshold_name").asText(),
                Micros.instant(row.get("threshold_created_at").asLong()), ThresholdConfiguration.parse(read(row, "threshold_configuration")));
        AlertFields fields = new AlertFields(row.get("insight_id").asLong(), row.get("name").asText(), row.get("enabled").asInt() == 1,
                ConditionType.named(read(row, "condition_type").path("type").asText()).orElseThrow(),
                TrendsAlertConfig.parse(read(row, "config")), CalculationInterval.named(row.get("calculation_interval").asText()).orElseThrow(),
                threshold, users);
        StoredAlert alert = new StoredAlert(row.get("id").asText(), fields, Micros.instant(row.get("created_at").asLong()),
                row.get("created_by").asLong(), row.get("version").asLong(), row.get("check_epoch").asLong(), row.get("deleted").asInt() == 1,
                row.get("written_by").asLong());
        return new Row(row.get("team_id").asLong(), alert);
    }

    private static JsonNode read(JsonNode row, String column) {
        try {
            return JSON.readTree(row.get(column).asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("alerts." + column + " holds no JSON", e);
        }
    }
}
