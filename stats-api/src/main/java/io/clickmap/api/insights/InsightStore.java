package io.clickmap.api.insights;

import io.clickmap.api.clickhouse.Micros;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code insights} table, always within one environment ({@code team_id}). A write is one inserted row, the
 * insight's next version; the current insight is its highest version. Inserts are synchronous, so the next read
 * sees them. Values reach SQL only through {@link SqlTemplate}'s literals; ClickHouse failures pass through.
 */
@Singleton
class InsightStore {
    static final String COLUMNS = "id, version, short_id, name, derived_name, description, query, query_kind, source_kind, insight_order, deleted, favorited, tags, "
            + "create_in_folder, created_at, created_by, last_modified_at, last_modified_by, written_by, activity";
    private static final SqlTemplate BY_ID = SqlTemplate.of("SELECT " + COLUMNS + " FROM insights "
            + "WHERE team_id = {team} AND id = {id} ORDER BY version DESC LIMIT 1");
    private static final SqlTemplate BY_SHORT_ID = SqlTemplate.of("SELECT " + COLUMNS + " FROM insights "
            + "WHERE team_id = {team} AND short_id = {short_id} ORDER BY version DESC LIMIT 1");
    private static final SqlTemplate VERSIONS = SqlTemplate.of("SELECT " + COLUMNS + " FROM insights "
            + "WHERE team_id = {team} AND id IN ({ids}) ORDER BY id, version");
    private static final SqlTemplate CURRENT_OF = SqlTemplate.of("SELECT " + COLUMNS + " FROM insights "
            + "WHERE team_id = {team} AND id IN ({ids}) ORDER BY id, version DESC LIMIT 1 BY id");
    private static final SqlTemplate HISTORY = SqlTemplate.of("SELECT " + COLUMNS + " FROM insights WHERE team_id = {team} ORDER BY id, version");
    /** Each insight's current version: the rows of the environment, newest version first per id. */
    static final SqlTemplate CURRENT = SqlTemplate.of("(SELECT " + COLUMNS + " FROM insights WHERE team_id = {team} "
            + "ORDER BY id, version DESC LIMIT 1 BY id)");
    private static final String INSERT = """
            INSERT INTO insights (team_id, id, version, short_id, name, derived_name, description, query, query_kind, source_kind,
                                  insight_order, deleted, favorited, tags, create_in_folder, created_at, created_by,
                                  last_modified_at, last_modified_by, written_by, activity)
            VALUES """;
    private static final SqlTemplate ROW = SqlTemplate.of("""
            ({team}, {id}, {version}, {short_id}, {name}, {derived_name}, {description}, {query}, {query_kind}, {source_kind},
             {order}, {deleted}, {favorited}, {tags}, {folder}, {created_at}, {created_by},
             {last_modified_at}, {last_modified_by}, {written_by}, {activity})""");
    private static final Fragment NULL = Fragment.code("NULL");

    private final ClickHouseSql sql;

    InsightStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    /** The current version, deleted or not. */
    Optional<StoredInsight> find(long environmentId, long id, ServerTiming timing) {
        String query = BY_ID.bind("team", environmentId).bind("id", id).render();
        return timing.clickHouse(() -> sql.query(query, InsightStore::insight)).stream().findFirst();
    }

    Optional<StoredInsight> findByShortId(long environmentId, String shortId, ServerTiming timing) {
        String query = BY_SHORT_ID.bind("team", environmentId).bind("short_id", shortId).render();
        return timing.clickHouse(() -> sql.query(query, InsightStore::insight)).stream().findFirst();
    }

    /** Every version of these insights, oldest first for each. */
    List<StoredInsight> versions(long environmentId, List<Long> ids, ServerTiming timing) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String query = VERSIONS.bind("team", environmentId).bind("ids", idList(ids)).render();
        return timing.clickHouse(() -> sql.query(query, InsightStore::insight));
    }

    /** The current version of each of these insights that exists, deleted or not. */
    List<StoredInsight> current(long environmentId, List<Long> ids, ServerTiming timing) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String query = CURRENT_OF.bind("team", environmentId).bind("ids", idList(ids)).render();
        return timing.clickHouse(() -> sql.query(query, InsightStore::insight));
    }

    /** Every version of every insight of the environment, oldest first for each: what its activity log is made of. */
    List<StoredInsight> history(long environmentId, ServerTiming timing) {
        String query = HISTORY.bind("team", environmentId).render();
        return timing.clickHouse(() -> sql.query(query, InsightStore::insight));
    }

    /** Rows of a statement that selects {@link #COLUMNS}. */
    List<StoredInsight> select(String statement, ServerTiming timing) {
        return timing.clickHouse(() -> sql.query(statement, InsightStore::insight));
    }

    void save(long environmentId, StoredInsight insight, ServerTiming timing) {
        saveAll(environmentId, List.of(insight), timing);
    }

    /** Writes these versions in one insert, so they land together or not at all. */
    void saveAll(long environmentId, List<StoredInsight> insights, ServerTiming timing) {
        if (insights.isEmpty()) {
            return;
        }
        StringBuilder statement = new StringBuilder(INSERT);
        for (int i = 0; i < insights.size(); i++) {
            statement.append(i == 0 ? "" : ",\n").append(row(environmentId, insights.get(i)));
        }
        timing.clickHouse(() -> {
            sql.execute(statement.toString());
            return null;
        });
    }

    private static String row(long environmentId, StoredInsight insight) {
        InsightFields fields = insight.fields();
        SavedQuery query = fields.query();
        return ROW.bind("team", environmentId)
                .bind("id", insight.id())
                .bind("version", insight.version())
                .bind("short_id", insight.shortId())
                .bind("name", nullable(fields.name()))
                .bind("derived_name", nullable(fields.derivedName()))
                .bind("description", nullable(fields.description()))
                .bind("query", query == null ? "" : query.json())
                .bind("query_kind", query == null ? "" : query.kind())
                .bind("source_kind", query == null ? "" : query.sourceKind())
                .bind("order", nullable(fields.order()))
                .bind("deleted", fields.deleted())
                .bind("favorited", fields.favorited())
                .bind("tags", fields.tags())
                .bind("folder", nullable(fields.createInFolder()))
                .bind("created_at", Micros.of(insight.createdAt()))
                .bind("created_by", insight.createdBy())
                .bind("last_modified_at", Micros.of(insight.lastModifiedAt()))
                .bind("last_modified_by", insight.lastModifiedBy())
                .bind("written_by", insight.writtenBy())
                .bind("activity", insight.activity().wireName)
                .render();
    }

    private static Fragment idList(List<Long> ids) {
        return new Fragment(String.join(", ", ids.stream().map(String::valueOf).toList()));
    }

    private static Object nullable(Object value) {
        return value == null ? NULL : value;
    }

    private static StoredInsight insight(JsonNode row) {
        List<String> tags = new ArrayList<>();
        row.get("tags").forEach(tag -> tags.add(tag.asText()));
        String query = row.get("query").asText();
        JsonNode order = row.get("insight_order");
        InsightFields fields = new InsightFields(text(row, "name"), text(row, "derived_name"), text(row, "description"),
                query.isEmpty() ? null : new SavedQuery(query, row.get("query_kind").asText(), row.get("source_kind").asText()), order.isNull() ? null : order.asLong(),
                row.get("deleted").asInt() == 1, row.get("favorited").asInt() == 1, tags, text(row, "create_in_folder"));
        return new StoredInsight(row.get("id").asLong(), row.get("short_id").asText(), fields,
                Micros.instant(row.get("created_at").asLong()), row.get("created_by").asLong(),
                Micros.instant(row.get("last_modified_at").asLong()), row.get("last_modified_by").asLong(),
                row.get("version").asLong(), row.get("written_by").asLong(), StoredInsight.Activity.named(row.get("activity").asText()));
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value.isNull() ? null : value.asText();
    }
}
