package io.clickmap.api.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsOutline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Queries worth trying after an insight's, by fixed rules (PostHog asks a language model): the rage- and dead-click
 * versions of a click series, rage clicks per 100 clicks, a breakdown by page (or browser), a week-over-week or
 * previous-period comparison, unique users instead of counts. Each is the insight's own query with one change, in the
 * same form (an InsightVizNode stays one), and is kept only if Clickmap computes it. A query Clickmap does not compute
 * has none. Pure: the same query gives the same suggestions, in this order.
 */
public final class FollowUps {
    private static final String CLICKS = "$autocapture";
    private static final String RAGE_CLICKS = "$rageclick";
    private static final String DEAD_CLICKS = "$dead_click";
    private static final String PAGE = "$current_url";

    private FollowUps() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Suggestion(String title, String description, JsonNode query) {
    }

    /** The suggestions for a saved query; none for null or for one Clickmap does not compute. */
    public static List<Suggestion> of(JsonNode saved) {
        if (saved == null) {
            return List.of();
        }
        TrendsOutline outline;
        try {
            outline = TrendsOutline.of(saved);
        } catch (ApiException notComputed) {
            return List.of();
        }
        JsonNode source = TrendsOutline.source(saved);
        List<Suggestion> suggestions = new ArrayList<>();
        Candidates candidates = new Candidates(saved, source, suggestions);
        if (countsEvent(source, CLICKS)) {
            candidates.add("Rage clicks instead of clicks", "The same trend for rage clicks (several fast clicks in one place, a sign of frustration) "
                    + "where it counts clicks.", query -> replaceEvent(query, CLICKS, RAGE_CLICKS));
            candidates.add("Dead clicks instead of clicks", "The same trend for dead clicks (clicks after which nothing on the page changed) "
                    + "where it counts clicks.", query -> replaceEvent(query, CLICKS, DEAD_CLICKS));
        }
        if (outline.series().size() == 1 && RAGE_CLICKS.equals(outline.series().get(0).event()) && outline.formulas().isEmpty()) {
            candidates.add("Rage clicks per 100 clicks", "How many of the clicks are rage clicks: the rage clicks divided by the clicks, times 100.",
                    FollowUps::ragePerHundredClicks);
        }
        if (!PAGE.equals(outline.breakdown()) && !onOnePage(outline)) {
            candidates.add("Break down by page", "The same trend with one line per page ($current_url, without query string or fragment), "
                    + "to see where it happens.", query -> breakDown(query, PAGE));
        } else if (!"$browser".equals(outline.breakdown())) {
            candidates.add("Break down by browser", "The same trend with one line per browser ($browser), to spot a problem with one of them.",
                    query -> breakDown(query, "$browser"));
        }
        if (!outline.compare()) {
            if (QueryWording.isWeekOrLess(outline.dateFrom(), outline.dateTo())) {
                candidates.add("Week over week", "The same trend next to the same days one week earlier.", query -> compare(query, "-1w"));
            } else {
                candidates.add("Against the previous period", "The same trend next to the period of the same length just before it.",
                        query -> compare(query, null));
            }
        }
        if (outline.formulas().isEmpty() && outline.series().stream().allMatch(series -> series.math().equals("total"))) {
            candidates.add("Unique users instead of counts", "How many different users (distinct ids) it was, rather than how many events.",
                    query -> query.withArray("series").forEach(series -> ((ObjectNode) series).put("math", "dau")));
        }
        return List.copyOf(suggestions);
    }

    private static boolean countsEvent(JsonNode source, String event) {
        for (JsonNode series : source.path("series")) {
            if ("EventsNode".equals(series.path("kind").asText()) && event.equals(series.path("event").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** A query on one page gains nothing from a breakdown by page. */
    private static boolean onOnePage(TrendsOutline outline) {
        return QueryWording.commonFilters(outline).stream().anyMatch(filter -> !filter.element() && filter.key().equals(PAGE)
                && filter.operator().equals("exact") && filter.values().size() == 1);
    }

    private static void replaceEvent(ObjectNode query, String from, String to) {
        for (JsonNode series : query.withArray("series")) {
            if ("EventsNode".equals(series.path("kind").asText()) && from.equals(series.path("event").asText(null))) {
                // Its old names would call the new series what it no longer counts.
                ((ObjectNode) series).put("event", to).remove(List.of("custom_name", "name"));
            }
        }
    }

    private static void ragePerHundredClicks(ObjectNode query) {
        ArrayNode series = query.withArray("series");
        ObjectNode clicks = series.get(0).deepCopy();
        clicks.put("event", CLICKS).remove(List.of("custom_name", "name"));
        series.add(clicks);
        ObjectNode trends = query.path("trendsFilter").isObject() ? (ObjectNode) query.get("trendsFilter") : query.putObject("trendsFilter");
        trends.put("formula", "A/B*100");
    }

    private static void breakDown(ObjectNode query, String property) {
        ObjectNode breakdown = query.putObject("breakdownFilter").put("breakdown_type", "event").put("breakdown", property);
        if (property.equals(PAGE)) {
            breakdown.put("breakdown_normalize_url", true);
        }
    }

    private static void compare(ObjectNode query, String compareTo) {
        ObjectNode compare = query.putObject("compareFilter").put("compare", true);
        if (compareTo != null) {
            compare.put("compare_to", compareTo);
        }
    }

    /** Builds each suggestion on a copy of the query's source, wrapped as the saved query is, and keeps it if computed. */
    private record Candidates(JsonNode saved, JsonNode source, List<Suggestion> into) {
        void add(String title, String description, Consumer<ObjectNode> change) {
            ObjectNode changed = source.deepCopy();
            change.accept(changed);
            JsonNode query = changed;
            if (saved != source) {
                ObjectNode wrapper = saved.deepCopy();
                wrapper.set("source", changed);
                query = wrapper;
            }
            if (TrendsOutline.isComputed(query)) {
                into.add(new Suggestion(title, description, query));
            }
        }
    }
}
