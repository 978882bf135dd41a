package io.clickmap.api.elements;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code elements} table, always within one environment ({@code team_id}). Every write is a whole row with
 * a newer version, read back with {@code FINAL}; inserts are synchronous, so the next read sees them. A delete
 * is a tombstone with the highest version there is, so an update racing it cannot resurrect the element.
 * Values reach SQL only through {@link SqlTemplate}'s literals. ClickHouse failures pass through (503 upstream).
 */
@Singleton
class ElementStore {
    private static final long TOMBSTONE_VERSION = Long.MAX_VALUE;
    private static final String COLUMNS = "id, text, tag_name, attr_class, has_attr_class, href, attr_id, nth_child, nth_of_type, "
            + "attribute_keys, attribute_values, element_order";
    private static final SqlTemplate FIND = SqlTemplate.of("SELECT " + COLUMNS + " FROM elements FINAL "
            + "WHERE team_id = {team} AND id = {id} AND deleted = 0");
    private static final SqlTemplate COUNT = SqlTemplate.of("SELECT count() AS count FROM elements FINAL "
            + "WHERE team_id = {team} AND deleted = 0");
    private static final SqlTemplate PAGE = SqlTemplate.of("SELECT " + COLUMNS + " FROM elements FINAL "
            + "WHERE team_id = {team} AND deleted = 0 ORDER BY id LIMIT {limit} OFFSET {offset}");
    // VALUES, not INSERT … SELECT: ClickHouse streams VALUES data, so a large element is not bound by max_query_size.
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO elements (team_id, id, text, tag_name, attr_class, has_attr_class, href, attr_id, nth_child, nth_of_type,
                                  attribute_keys, attribute_values, element_order, deleted, version)
            VALUES ({team}, {id}, {text}, {tag_name}, {attr_class}, {has_attr_class}, {href}, {attr_id}, {nth_child},
                    {nth_of_type}, {attribute_keys}, {attribute_values}, {element_order}, {deleted}, {version})""");
    private static final SqlTemplate.Fragment NULL = SqlTemplate.Fragment.code("NULL");

    private final ClickHouseSql sql;

    ElementStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    Optional<StoredElement> find(long environmentId, long id, ServerTiming timing) {
        return timing.clickHouse(() -> sql.query(FIND.bind("team", environmentId).bind("id", id).render(), ElementStore::element))
                .stream().findFirst();
    }

    long count(long environmentId, ServerTiming timing) {
        return timing.clickHouse(() -> sql.query(COUNT.bind("team", environmentId).render(), row -> row.get("count").asLong())).get(0);
    }

    List<StoredElement> page(long environmentId, int limit, long offset, ServerTiming timing) {
        String query = PAGE.bind("team", environmentId).bind("limit", limit).bind("offset", offset).render();
        return timing.clickHouse(() -> sql.query(query, ElementStore::element));
    }

    /** Writes the element as the newest version of its id. */
    void save(long environmentId, StoredElement element, ServerTiming timing) {
        write(environmentId, element, false, Versions.next(), timing);
    }

    void delete(long environmentId, long id, ServerTiming timing) {
        write(environmentId, new StoredElement(id, ElementValues.EMPTY), true, TOMBSTONE_VERSION, timing);
    }

    private void write(long environmentId, StoredElement element, boolean deleted, long version, ServerTiming timing) {
        ElementValues values = element.values();
        String statement = INSERT.bind("team", environmentId)
                .bind("id", element.id())
                .bind("text", nullable(values.text()))
                .bind("tag_name", nullable(values.tagName()))
                .bind("attr_class", values.attrClass() == null ? List.of() : values.attrClass())
                .bind("has_attr_class", values.attrClass() != null)
                .bind("href", nullable(values.href()))
                .bind("attr_id", nullable(values.attrId()))
                .bind("nth_child", nullable(values.nthChild()))
                .bind("nth_of_type", nullable(values.nthOfType()))
                .bind("attribute_keys", List.copyOf(values.attributes().keySet()))
                .bind("attribute_values", List.copyOf(values.attributes().values()))
                .bind("element_order", nullable(values.order()))
                .bind("deleted", deleted)
                .bind("version", version)
                .render();
        timing.clickHouse(() -> {
            sql.execute(statement);
            return null;
        });
    }

    private static Object nullable(Object value) {
        return value == null ? NULL : value;
    }

    private static StoredElement element(JsonNode row) {
        List<String> classes = null;
        if (row.get("has_attr_class").asInt() == 1) {
            classes = new ArrayList<>();
            for (JsonNode name : row.get("attr_class")) {
                classes.add(name.asText());
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode keys = row.get("attribute_keys");
        JsonNode values = row.get("attribute_values");
        for (int i = 0; i < keys.size(); i++) {
            attributes.put(keys.get(i).asText(), values.get(i).asText());
        }
        ElementValues element = new ElementValues(text(row, "text"), text(row, "tag_name"),
                classes == null ? null : Collections.unmodifiableList(classes), text(row, "href"), text(row, "attr_id"),
                integer(row, "nth_child"), integer(row, "nth_of_type"), Collections.unmodifiableMap(attributes),
                integer(row, "element_order"));
        return new StoredElement(row.get("id").asLong(), element);
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value.isNull() ? null : value.asInt();
    }
}
