package io.clickmap.api.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.query.DateParameter;
import io.clickmap.api.web.ListParameters;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.StrictJson;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list's query parameters, checked (each violation a 400 naming it) and turned into the conditions and the
 * order of a query over each insight's current version. Filters the spec names and nothing else; unknown
 * parameters are ignored, as PostHog does. Values reach SQL only as literals.
 */
record InsightListQuery(ListParameters page, String search, List<String> conditions, String orderBy, boolean basic) {
    static final int MAX_SEARCH = 200;
    private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");
    /** The insight kinds of the {@code insight} filter: each is an InsightVizNode over that query. */
    private static final Map<String, String> VIZ_SOURCES = Map.of("TRENDS", "TrendsQuery", "FUNNELS", "FunnelsQuery",
            "RETENTION", "RetentionQuery", "PATHS", "PathsQuery", "STICKINESS", "StickinessQuery", "LIFECYCLE", "LifecycleQuery");
    /** Fields the list may be ordered by, and their columns. */
    private static final Map<String, String> ORDERS = Map.ofEntries(Map.entry("id", "id"), Map.entry("short_id", "short_id"),
            Map.entry("name", "name"), Map.entry("derived_name", "derived_name"), Map.entry("description", "description"),
            Map.entry("order", "insight_order"), Map.entry("favorited", "favorited"), Map.entry("created_at", "created_at"),
            Map.entry("created_by", "created_by"), Map.entry("last_modified_at", "last_modified_at"), Map.entry("updated_at", "version"));
    static final String DEFAULT_ORDER = "insight_order, id";

    static InsightListQuery parse(QueryString query, long caller, Instant now) {
        List<String> conditions = new ArrayList<>();
        String saved = query.last("saved");
        if (saved != null && !isTrue(saved)) {
            // every insight of Clickmap's is saved
            conditions.add("0");
        }
        if (query.last("favorited") != null) {
            conditions.add("favorited = 1");
        }
        if (query.last("user") != null) {
            conditions.add("created_by = " + caller);
        }
        String createdBy = query.last("created_by");
        if (createdBy != null && !createdBy.isBlank()) {
            conditions.add("created_by IN (" + String.join(", ", integers(createdBy, "created_by").stream().map(String::valueOf).toList()) + ")");
        }
        String tags = query.last("tags");
        if (tags != null && !tags.isBlank()) {
            List<String> wanted = Tags.normalise(strings(tags, "tags"), "tags");
            conditions.add(wanted.isEmpty() ? "0" : "hasAny(tags, " + SqlLiteral.render(wanted) + ")");
        }
        String shortId = query.last("short_id");
        if (shortId != null) {
            conditions.add("short_id = " + SqlLiteral.string(shortId));
        }
        String insight = query.last("insight");
        if (insight != null && !insight.isBlank()) {
            conditions.add(kind(insight.strip().toUpperCase()));
        }
        range(query, "date_from", "date_to", "last_modified_at", now, conditions);
        range(query, "created_date_from", "created_date_to", "created_at", now, conditions);
        if (query.last("last_viewed_date_from") != null || query.last("last_viewed_date_to") != null) {
            // Views are not recorded yet: no insight has been viewed within any window.
            checkDates(query, "last_viewed_date_from", "last_viewed_date_to", now);
            conditions.add("0");
        }
        String search = query.last("search");
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.invalid("search", "search must have at most " + MAX_SEARCH + " characters.");
        }
        String basic = query.last("basic");
        return new InsightListQuery(ListParameters.parse(query), search == null || search.isBlank() ? null : search.strip(), conditions,
                order(query.last("order")), basic != null && isTrue(basic));
    }

    /** The conditions joined, for a WHERE clause that already holds {@code deleted = 0}. */
    Fragment where() {
        return new Fragment(conditions.isEmpty() ? "1" : String.join(" AND ", conditions));
    }

    private static boolean isTrue(String value) {
        return TRUE.contains(value.strip().toLowerCase());
    }

    private static String kind(String insight) {
        String source = VIZ_SOURCES.get(insight);
        if (source != null) {
            return "(query_kind = 'InsightVizNode' AND source_kind = " + SqlLiteral.string(source) + ")";
        }
        if (insight.equals("SQL")) {
            return "source_kind = 'HogQLQuery'";
        }
        if (insight.equals("JSON")) {
            return "NOT (query_kind = 'InsightVizNode' AND source_kind IN (" + String.join(", ", VIZ_SOURCES.values().stream()
                    .map(SqlLiteral::string).sorted().toList()) + ") OR source_kind = 'HogQLQuery')";
        }
        throw ApiException.invalid("insight", "insight must be one of " + String.join(", ", new java.util.TreeSet<>(VIZ_SOURCES.keySet()))
                + ", SQL or JSON.");
    }

    private static void range(QueryString query, String fromName, String toName, String column, Instant now, List<String> conditions) {
        String from = query.last(fromName);
        String to = query.last(toName);
        if (from != null && !from.isBlank()) {
            conditions.add(column + " >= " + Micros.of(DateParameter.instant(from, true, now, fromName)));
        }
        if (to != null && !to.isBlank()) {
            conditions.add(column + " <= " + (Micros.of(DateParameter.instant(to, false, now, toName)) + 999_999));
        }
    }

    private static void checkDates(QueryString query, String fromName, String toName, Instant now) {
        range(query, fromName, toName, "last_viewed_at", now, new ArrayList<>());
    }

    /** A field, {@code -} first for descending; ties broken by id so that pages never overlap. */
    private static String order(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_ORDER;
        }
        String field = raw.strip();
        boolean descending = field.startsWith("-");
        String column = ORDERS.get(descending ? field.substring(1) : field);
        if (column == null) {
            throw ApiException.invalid("order", "order must be one of " + String.join(", ", new java.util.TreeSet<>(ORDERS.keySet()))
                    + ", optionally after '-' for descending.");
        }
        return column + (descending ? " DESC" : "") + (column.equals("id") ? "" : ", id");
    }

    private static List<Long> integers(String raw, String attr) {
        JsonNode values = json(raw, attr, attr + " must be a JSON list of user ids, such as [1, 2].");
        List<Long> ids = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw ApiException.invalid(attr, attr + " must be a JSON list of user ids, such as [1, 2].");
            }
            ids.add(value.longValue());
        }
        if (ids.isEmpty()) {
            throw ApiException.invalid(attr, attr + " must name at least one user id.");
        }
        return ids;
    }

    private static List<String> strings(String raw, String attr) {
        JsonNode values = json(raw, attr, attr + " must be a JSON list of tags, such as [\"checkout\"].");
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw ApiException.invalid(attr, attr + " must be a JSON list of tags, such as [\"checkout\"].");
            }
            texts.add(value.textValue());
        }
        return texts;
    }

    private static JsonNode json(String raw, String attr, String rule) {
        try {
            JsonNode node = StrictJson.read(raw);
            if (!node.isArray()) {
                throw ApiException.invalid(attr, rule);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(attr, rule);
        }
    }
}
