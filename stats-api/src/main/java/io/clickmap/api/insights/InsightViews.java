package io.clickmap.api.insights;

import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code insight_views} table (V011): who viewed which insight of an environment, and when last. Recording
 * views is one insert, however many insights; a key viewed again gets a newer row, and every read takes each
 * key's newest time, merged or not. Creation views are not stored here ({@link ViewHistory} adds them). Values
 * reach SQL only through {@link SqlTemplate}'s literals; ClickHouse failures pass through.
 */
@Singleton
class InsightViews {
    private static final String NEWEST = "SELECT insight_id, user_id, max(viewed_at) AS newest FROM insight_views WHERE team_id = {team} AND ";
    private static final SqlTemplate BY_USER = SqlTemplate.of(NEWEST + "user_id = {user} GROUP BY insight_id, user_id");
    // A key whose newest view is in the window has a row in it, and one whose rows are all older has none there.
    private static final SqlTemplate SINCE = SqlTemplate.of(NEWEST + "viewed_at >= {since} GROUP BY insight_id, user_id");
    private static final SqlTemplate BY_INSIGHT = SqlTemplate.of("SELECT insight_id, max(viewed_at) AS newest FROM insight_views "
            + "WHERE team_id = {team} GROUP BY insight_id");
    private static final String INSERT = "INSERT INTO insight_views (team_id, user_id, insight_id, viewed_at) VALUES ";
    private static final SqlTemplate ROW = SqlTemplate.of("({team}, {user}, {insight}, {at})");

    /** One user's newest view of one insight. */
    record View(long insightId, long userId, Instant at) {
    }

    private final ClickHouseSql sql;

    InsightViews(ClickHouseSql sql) {
        this.sql = sql;
    }

    /** That {@code user} viewed these insights {@code at} that moment, in one insert; nothing for no insights. */
    void record(long environmentId, long user, List<Long> insightIds, Instant at, ServerTiming timing) {
        if (insightIds.isEmpty()) {
            return;
        }
        StringBuilder statement = new StringBuilder(INSERT);
        long micros = Micros.of(at);
        for (int i = 0; i < insightIds.size(); i++) {
            statement.append(i == 0 ? "" : ", ")
                    .append(ROW.bind("team", environmentId).bind("user", user).bind("insight", insightIds.get(i)).bind("at", micros).render());
        }
        timing.clickHouse(() -> {
            sql.execute(statement.toString());
            return null;
        });
    }

    /** The user's newest view of each insight of the environment they viewed. */
    List<View> byUser(long environmentId, long user, ServerTiming timing) {
        return select(BY_USER.bind("team", environmentId).bind("user", user).render(), timing);
    }

    /** Each user's newest view of each insight of the environment, where that is at or after {@code since}. */
    List<View> since(long environmentId, Instant since, ServerTiming timing) {
        return select(SINCE.bind("team", environmentId).bind("since", Micros.of(since)).render(), timing);
    }

    /** Each viewed insight's newest stored view by anyone (creation views are not stored: see {@link ViewHistory}). */
    Map<Long, Instant> newestByInsight(long environmentId, ServerTiming timing) {
        Map<Long, Instant> newest = new HashMap<>();
        timing.clickHouse(() -> sql.query(BY_INSIGHT.bind("team", environmentId).render(),
                row -> newest.put(row.get("insight_id").asLong(), Micros.instant(row.get("newest").asLong()))));
        return newest;
    }

    private List<View> select(String query, ServerTiming timing) {
        return timing.clickHouse(() -> sql.query(query, row -> new View(row.get("insight_id").asLong(), row.get("user_id").asLong(),
                Micros.instant(row.get("newest").asLong()))));
    }
}
