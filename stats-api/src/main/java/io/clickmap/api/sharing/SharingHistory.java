package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.insights.InsightActivitySource;
import io.clickmap.api.sharing.SharingLog.Written;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Every sharing write of one insight or of a whole environment, for the insights' activity log: one read of
 * {@code insight_sharing}, oldest first per insight, made into entries by {@link SharingLog}. The read selects no token
 * and no password hash, so none can reach the log. ClickHouse failures pass through.
 */
@Singleton
class SharingHistory implements InsightActivitySource {
    private static final String COLUMNS = "insight_id, version, written_by, activity, enabled, password_required, settings, password_ids, "
            + "password_notes";
    private static final SqlTemplate OF_INSIGHT = SqlTemplate.of("SELECT " + COLUMNS + " FROM insight_sharing "
            + "WHERE team_id = {team} AND insight_id = {insight} ORDER BY insight_id, version");
    private static final SqlTemplate OF_ENVIRONMENT = SqlTemplate.of("SELECT " + COLUMNS + " FROM insight_sharing "
            + "WHERE team_id = {team} ORDER BY insight_id, version");

    private final ClickHouseSql sql;

    SharingHistory(ClickHouseSql sql) {
        this.sql = sql;
    }

    @Override
    public String name() {
        return "sharing";
    }

    @Override
    public List<Activity> read(long environmentId, OptionalLong insightId, ServerTiming timing) {
        String query = insightId.isPresent() ? OF_INSIGHT.bind("team", environmentId).bind("insight", insightId.getAsLong()).render()
                : OF_ENVIRONMENT.bind("team", environmentId).render();
        return SharingLog.of(timing.clickHouse(() -> sql.query(query, SharingHistory::written)));
    }

    private static Written written(JsonNode row) {
        List<SharingLog.PasswordRef> passwords = new ArrayList<>();
        JsonNode ids = row.get("password_ids");
        for (int i = 0; i < ids.size(); i++) {
            passwords.add(new SharingLog.PasswordRef(ids.get(i).asLong(), row.get("password_notes").get(i).asText()));
        }
        String settings = row.get("settings").asText();
        return new Written(row.get("insight_id").asLong(), row.get("version").asLong(), row.get("written_by").asLong(), row.get("activity").asText(),
                row.get("enabled").asInt() == 1, row.get("password_required").asInt() == 1, settings.isEmpty() ? null : settings, passwords);
    }
}
