package io.clickmap.api.trends;

import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Each environment's internal distinct ids (PostHog's "test accounts"), which {@code filterTestAccounts} leaves
 * out; kept by the admin CLI ({@code internal-users add|remove|list}). Read on each computation that asks, so a
 * change counts from the next one.
 */
@Singleton
public class InternalUsers {
    public static final int MAX_PER_ENVIRONMENT = 10_000;
    private static final SqlTemplate LISTED = SqlTemplate.of("SELECT distinct_id FROM (SELECT distinct_id, argMax(removed, version) AS gone "
            + "FROM internal_users WHERE team_id = {team} GROUP BY distinct_id) WHERE gone = 0 ORDER BY distinct_id LIMIT " + MAX_PER_ENVIRONMENT);
    private static final SqlTemplate CHANGE = SqlTemplate.of("INSERT INTO internal_users (team_id, distinct_id, removed, version) "
            + "VALUES ({team}, {id}, {removed}, {version})");

    private final ClickHouseSql sql;

    public InternalUsers(ClickHouseSql sql) {
        this.sql = sql;
    }

    public List<String> of(long environmentId) {
        return sql.query(LISTED.bind("team", environmentId).render(), row -> row.get("distinct_id").asText());
    }

    List<String> of(long environmentId, ServerTiming timing) {
        return timing.clickHouse(() -> of(environmentId));
    }

    public void add(long environmentId, String distinctId) {
        change(environmentId, distinctId, false);
    }

    public void remove(long environmentId, String distinctId) {
        change(environmentId, distinctId, true);
    }

    private void change(long environmentId, String distinctId, boolean removed) {
        sql.execute(CHANGE.bind("team", environmentId).bind("id", distinctId).bind("removed", removed).bind("version", Versions.next()).render());
    }
}
