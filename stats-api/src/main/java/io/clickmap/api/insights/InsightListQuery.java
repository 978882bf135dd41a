package io.clickmap.api.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.query.DateParameter;
import io.clickmap.api.web.ListParameters;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.StrictJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The list's query parameters, checked (each violation a 400 naming it) and turned into a filter and an order over
 * the environment's live insights ({@link CurrentInsights}). Filters the spec names and nothing else; unknown
 * parameters are ignored, as PostHog does.
 */
record InsightListQuery(ListParameters page, String search, Predicate<StoredInsight> filter, Predicate<Instant> lastViewed,
                        Comparator<StoredInsight> order, boolean basic) {
    static final int MAX_SEARCH = 200;
    private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");
    /** The insight kinds of the {@code insight} filter: each is an InsightVizNode over that query. */
    private static final Map<String, String> VIZ_SOURCES = Map.of("TRENDS", "TrendsQuery", "FUNNELS", "FunnelsQuery",
            "RETENTION", "RetentionQuery", "PATHS", "PathsQuery", "STICKINESS", "StickinessQuery", "LIFECYCLE", "LifecycleQuery");
    /** The fields the list may be ordered by. */
    private static final Map<String, Function<StoredInsight, Comparable<?>>> ORDERS = Map.ofEntries(
            Map.entry("id", StoredInsight::id), Map.entry("short_id", StoredInsight::shortId),
            Map.entry("name", insight -> insight.fields().name()), Map.entry("derived_name", insight -> insight.fields().derivedName()),
            Map.entry("description", insight -> insight.fields().description()), Map.entry("order", insight -> insight.fields().order()),
            Map.entry("favorited", insight -> insight.fields().favorited()), Map.entry("created_at", StoredInsight::createdAt),
            Map.entry("created_by", StoredInsight::createdBy), Map.entry("last_modified_at", StoredInsight::lastModifiedAt),
            Map.entry("updated_at", StoredInsight::version));
    private static final Comparator<StoredInsight> BY_ID = Comparator.comparingLong(StoredInsight::id);

    static InsightListQuery parse(QueryString query, long caller, Instant now) {
        List<Predicate<StoredInsight>> filters = new ArrayList<>();
        String saved = query.last("saved");
        if (saved != null && !isTrue(saved)) {
            // every insight of Clickmap's is saved
            filters.add(insight -> false);
        }
        if (query.last("favorited") != null) {
            filters.add(insight -> insight.fields().favorited());
        }
        if (query.last("user") != null) {
            filters.add(insight -> insight.createdBy() == caller);
        }
        String createdBy = query.last("created_by");
        if (createdBy != null && !createdBy.isBlank()) {
            Set<Long> users = new HashSet<>(integers(createdBy, "created_by"));
            filters.add(insight -> users.contains(insight.createdBy()));
        }
        String tags = query.last("tags");
        if (tags != null && !tags.isBlank()) {
            List<String> wanted = Tags.normalise(strings(tags, "tags"), "tags");
            filters.add(insight -> insight.fields().tags().stream().anyMatch(wanted::contains));
        }
        String shortId = query.last("short_id");
        if (shortId != null) {
            filters.add(insight -> insight.shortId().equals(shortId));
        }
        String insight = query.last("insight");
        if (insight != null && !insight.isBlank()) {
            filters.add(kind(insight.strip().toUpperCase()));
        }
        Predicate<Instant> modified = range(query, "date_from", "date_to", now);
        Predicate<Instant> created = range(query, "created_date_from", "created_date_to", now);
        filters.add(stored -> modified.test(stored.lastModifiedAt()) && created.test(stored.createdAt()));
        // An insight's last view comes from the views table, which the listing reads; here only the window is known.
        Predicate<Instant> lastViewed = range(query, "last_viewed_date_from", "last_viewed_date_to", now);
        String search = query.last("search");
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.invalid("search", "search must have at most " + MAX_SEARCH + " characters.");
        }
        String basic = query.last("basic");
        return new InsightListQuery(ListParameters.parse(query), search == null || search.isBlank() ? null : search.strip(),
                filters.stream().reduce(any -> true, Predicate::and), lastViewed, order(query.last("order")), basic != null && isTrue(basic));
    }

    private static boolean isTrue(String value) {
        return TRUE.contains(value.strip().toLowerCase());
    }

    private static Predicate<StoredInsight> kind(String insight) {
        String source = VIZ_SOURCES.get(insight);
        if (source != null) {
            return stored -> isViz(stored, source);
        }
        if (insight.equals("SQL")) {
            return InsightListQuery::isSql;
        }
        if (insight.equals("JSON")) {
            return stored -> !isSql(stored) && VIZ_SOURCES.values().stream().noneMatch(viz -> isViz(stored, viz));
        }
        throw ApiException.invalid("insight", "insight must be one of " + String.join(", ", new TreeSet<>(VIZ_SOURCES.keySet())) + ", SQL or JSON.");
    }

    private static boolean isViz(StoredInsight insight, String source) {
        SavedQuery query = insight.fields().query();
        return query != null && query.kind().equals("InsightVizNode") && query.sourceKind().equals(source);
    }

    private static boolean isSql(StoredInsight insight) {
        SavedQuery query = insight.fields().query();
        return query != null && query.sourceKind().equals("HogQLQuery");
    }

    /** The window two parameters give (either may be absent), as a test of a moment. */
    private static Predicate<Instant> range(QueryString query, String fromName, String toName, Instant now) {
        String from = query.last(fromName);
        String to = query.last(toName);
        Predicate<Instant> window = any -> true;
        if (from != null && !from.isBlank()) {
            Instant start = DateParameter.instant(from, true, now, fromName);
            window = window.and(time -> !time.isBefore(start));
        }
        if (to != null && !to.isBlank()) {
            // the bound's last second, to its last microsecond
            Instant end = DateParameter.instant(to, false, now, toName).plusNanos(999_999_000);
            window = window.and(time -> !time.isAfter(end));
        }
        return window;
    }

    /** A field, {@code -} first for descending; no value last either way; ties broken by id so that pages never overlap. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<StoredInsight> order(String raw) {
        String field = raw == null || raw.isBlank() ? "order" : raw.strip();
        boolean descending = field.startsWith("-");
        Function<StoredInsight, Comparable<?>> key = ORDERS.get(descending ? field.substring(1) : field);
        if (key == null) {
            throw ApiException.invalid("order", "order must be one of " + String.join(", ", new TreeSet<>(ORDERS.keySet()))
                    + ", optionally after '-' for descending.");
        }
        Comparator<Comparable> values = descending ? Comparator.<Comparable>reverseOrder() : Comparator.<Comparable>naturalOrder();
        Comparator<StoredInsight> by = Comparator.comparing(insight -> (Comparable) key.apply(insight), Comparator.nullsLast(values));
        return by.thenComparing(BY_ID);
    }

    private static List<Long> integers(String raw, String attr) {
        String rule = attr + " must be a JSON list of user ids, such as [1, 2].";
        List<Long> ids = new ArrayList<>();
        for (JsonNode value : json(raw, attr, rule)) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw ApiException.invalid(attr, rule);
            }
            ids.add(value.longValue());
        }
        return ids;
    }

    private static List<String> strings(String raw, String attr) {
        String rule = attr + " must be a JSON list of tags, such as [\"checkout\"].";
        List<String> texts = new ArrayList<>();
        for (JsonNode value : json(raw, attr, rule)) {
            if (!value.isTextual()) {
                throw ApiException.invalid(attr, rule);
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
