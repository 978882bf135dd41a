package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.query.Sampling;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.api.trends.TrendsQuery.NamedFormula;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a saved query against the TrendsQuery subset Clickmap computes: an {@code InsightVizNode} around a
 * {@code TrendsQuery}, or a bare one. Anything else, or any part outside the subset, is PostHog's
 * {@code unsupported_query} 400 whose detail names the field ({@code series[1].math: …}). Display-only fields
 * are ignored; fields that would change the answer and are not computed are refused rather than ignored.
 */
final class TrendsQueryParser {
    static final List<String> CLICK_EVENTS = List.of("$autocapture", "$rageclick", "$dead_click");
    static final String ALL_EVENTS = "All events";
    static final int MAX_SERIES = 50;
    static final int MAX_SMOOTHING = 1_000;
    private static final String COMPUTED = "Clickmap computes TrendsQuery over $autocapture, $rageclick and $dead_click";
    /** Parts of a TrendsQuery that change its answer, which Clickmap does not compute: refused when set. */
    private static final List<String> NOT_COMPUTED = List.of("aggregation_group_type_index", "conversionGoal");
    private static final List<String> SERIES_NOT_COMPUTED = List.of("fixedProperties", "math_property", "math_hogql", "math_group_type_index",
            "math_multiplier");
    private static final List<String> BREAKDOWN_NOT_COMPUTED = List.of("breakdowns", "breakdown_group_type_index", "breakdown_histogram_bin_count");

    private TrendsQueryParser() {
    }

    static ApiException unsupported(String field, String why) {
        return ApiException.unsupportedQuery(field + ": " + why);
    }

    /** The TrendsQuery inside a saved query, unwrapped from its InsightVizNode; a 400 for any other kind. */
    static JsonNode source(JsonNode saved) {
        JsonNode source = "InsightVizNode".equals(saved.path("kind").asText()) ? saved.path("source") : saved;
        String kind = source.path("kind").asText("");
        if (!kind.equals("TrendsQuery")) {
            throw ApiException.unsupportedQuery(COMPUTED + "; got " + (kind.isEmpty() ? "a query without a kind" : kind));
        }
        return source;
    }

    static TrendsQuery parse(JsonNode saved) {
        JsonNode source = source(saved);
        refuseSet(source, NOT_COMPUTED, "");
        List<TrendsSeries> series = series(source.path("series"));
        TrendsInterval interval = TrendsInterval.parse(text(source, "interval", ""));
        JsonNode dateRange = object(source, "dateRange", "");
        JsonNode compare = object(source, "compareFilter", "");
        JsonNode trends = object(source, "trendsFilter", "");
        String displayName = trends == null ? null : text(trends, "display", "trendsFilter.");
        TrendsDisplay display = TrendsDisplay.named(displayName == null ? TrendsDisplay.DEFAULT : displayName);
        if (display == null) {
            throw unsupported("trendsFilter.display", "Clickmap draws " + TrendsDisplay.NAMES + "; got \"" + displayName + "\"");
        }
        return new TrendsQuery(series, interval,
                dateRange == null ? null : text(dateRange, "date_from", "dateRange."),
                dateRange == null ? null : text(dateRange, "date_to", "dateRange."),
                dateRange != null && bool(dateRange, "explicitDate", "dateRange."),
                ConditionParser.parse(source.get("properties"), "properties"),
                breakdown(object(source, "breakdownFilter", "")),
                compare != null && bool(compare, "compare", "compareFilter."),
                compare == null ? null : text(compare, "compare_to", "compareFilter."),
                display, displayName,
                formulas(trends, series.size()),
                trends == null ? 1 : (int) integer(trends, "smoothingIntervals", "trendsFilter.", 1, MAX_SMOOTHING, 1),
                bool(source, "filterTestAccounts", ""),
                sampling(source));
    }

    private static List<TrendsSeries> series(JsonNode nodes) {
        if (!nodes.isArray() || nodes.isEmpty() || nodes.size() > MAX_SERIES) {
            throw unsupported("series", "a list of 1 to " + MAX_SERIES + " EventsNode or GroupNode series");
        }
        List<TrendsSeries> series = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            series.add(oneSeries(nodes.get(i), i, "series[" + i + "]"));
        }
        return series;
    }

    private static TrendsSeries oneSeries(JsonNode node, int order, String field) {
        if (!node.isObject()) {
            throw unsupported(field, "each series is an EventsNode or a GroupNode object");
        }
        String kind = node.path("kind").asText("");
        refuseSet(node, SERIES_NOT_COMPUTED, field + ".");
        String mathName = text(node, "math", field + ".");
        TrendsMath math = mathName == null ? TrendsMath.TOTAL : TrendsMath.named(mathName);
        if (math == null) {
            throw unsupported(field + ".math", "Clickmap computes " + TrendsMath.NAMES + "; got \"" + mathName + "\"");
        }
        String customName = text(node, "custom_name", field + ".");
        String name = text(node, "name", field + ".");
        Condition properties = ConditionParser.parse(node.get("properties"), field + ".properties");
        switch (kind) {
            case "EventsNode" -> {
                String event = event(node, field);
                List<String> events = event == null ? CLICK_EVENTS : List.of(event);
                return new TrendsSeries(order, event, events, name != null ? name : event != null ? event : ALL_EVENTS, customName, math, properties);
            }
            case "GroupNode" -> {
                return group(node, order, field, name, customName, math, properties);
            }
            default -> throw unsupported(field + ".kind", "Clickmap computes EventsNode and GroupNode series; got "
                    + (kind.isEmpty() ? "none" : "\"" + kind + "\""));
        }
    }

    /** A GroupNode: an event that matches any of its nodes counts once; its nodes may not count differently. */
    private static TrendsSeries group(JsonNode node, int order, String field, String name, String customName, TrendsMath math, Condition properties) {
        String operator = node.path("operator").asText("OR");
        JsonNode nodes = node.path("nodes");
        if (!nodes.isArray() || nodes.isEmpty() || nodes.size() > MAX_SERIES) {
            throw unsupported(field + ".nodes", "a GroupNode holds 1 to " + MAX_SERIES + " EventsNode nodes");
        }
        if (!operator.equals("OR") && nodes.size() > 1) {
            throw unsupported(field + ".operator", "Clickmap computes GroupNode with operator OR; got \"" + operator + "\"");
        }
        Set<String> events = new LinkedHashSet<>();
        List<Condition> alternatives = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String nodeField = field + ".nodes[" + i + "]";
            JsonNode member = nodes.get(i);
            if (!"EventsNode".equals(member.path("kind").asText())) {
                throw unsupported(nodeField + ".kind", "a GroupNode's nodes are EventsNode");
            }
            refuseSet(member, SERIES_NOT_COMPUTED, nodeField + ".");
            String event = event(member, nodeField);
            List<String> memberEvents = event == null ? CLICK_EVENTS : List.of(event);
            events.addAll(memberEvents);
            Condition eventIs = new Condition.Any(memberEvents.stream().<Condition>map(Condition.EventName::new).toList());
            alternatives.add(Condition.both(eventIs, ConditionParser.parse(member.get("properties"), nodeField + ".properties")));
        }
        String label = name != null ? name : String.join(", ", events);
        return new TrendsSeries(order, null, List.copyOf(events), label, customName, math,
                Condition.both(properties, new Condition.Any(alternatives)));
    }

    private static String event(JsonNode node, String field) {
        String event = text(node, "event", field + ".");
        if (event != null && !CLICK_EVENTS.contains(event)) {
            throw unsupported(field + ".event", COMPUTED + " (or null for all three); got \"" + event + "\"");
        }
        return event;
    }

    private static Breakdown breakdown(JsonNode filter) {
        if (filter == null) {
            return null;
        }
        refuseSet(filter, BREAKDOWN_NOT_COMPUTED, "breakdownFilter.");
        String property = text(filter, "breakdown", "breakdownFilter.");
        if (property == null || property.isEmpty()) {
            return null;
        }
        String type = text(filter, "breakdown_type", "breakdownFilter.");
        if (type != null && !type.equals("event")) {
            throw unsupported("breakdownFilter.breakdown_type", "Clickmap breaks down by event properties (\"event\"); got \"" + type + "\"");
        }
        if (property.length() > PropertyFilter.MAX_KEY) {
            throw unsupported("breakdownFilter.breakdown", "a property name of at most " + PropertyFilter.MAX_KEY + " characters");
        }
        int limit = (int) integer(filter, "breakdown_limit", "breakdownFilter.", 1, Breakdown.MAX_LIMIT, Breakdown.DEFAULT_LIMIT);
        return new Breakdown(property, limit, bool(filter, "breakdown_hide_other_aggregation", "breakdownFilter."),
                bool(filter, "breakdown_normalize_url", "breakdownFilter."));
    }

    /** {@code formula}, {@code formulas} or {@code formulaNodes}: each one item in place of the series. */
    private static List<NamedFormula> formulas(JsonNode trends, int seriesCount) {
        if (trends == null) {
            return List.of();
        }
        List<NamedFormula> formulas = new ArrayList<>();
        JsonNode nodes = trends.get("formulaNodes");
        if (nodes != null && !nodes.isNull()) {
            if (!nodes.isArray() || nodes.size() > MAX_SERIES) {
                throw unsupported("trendsFilter.formulaNodes", "a list of at most " + MAX_SERIES + " {\"formula\", \"custom_name\"} objects");
            }
            for (int i = 0; i < nodes.size(); i++) {
                String field = "trendsFilter.formulaNodes[" + i + "]";
                String text = text(nodes.get(i), "formula", field + ".");
                if (text == null) {
                    throw unsupported(field + ".formula", "each formula node needs a formula");
                }
                formulas.add(new NamedFormula(Formula.parse(text, seriesCount, field + ".formula"), text(nodes.get(i), "custom_name", field + ".")));
            }
            if (!formulas.isEmpty()) {
                return formulas;
            }
        }
        JsonNode list = trends.get("formulas");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_SERIES) {
                throw unsupported("trendsFilter.formulas", "a list of at most " + MAX_SERIES + " formulas");
            }
            for (int i = 0; i < list.size(); i++) {
                String field = "trendsFilter.formulas[" + i + "]";
                if (!list.get(i).isTextual()) {
                    throw unsupported(field, "a formula is a string such as \"A+2*B\"");
                }
                formulas.add(new NamedFormula(Formula.parse(list.get(i).textValue(), seriesCount, field), null));
            }
            if (!formulas.isEmpty()) {
                return formulas;
            }
        }
        String formula = text(trends, "formula", "trendsFilter.");
        return formula == null || formula.isBlank() ? List.of()
                : List.of(new NamedFormula(Formula.parse(formula, seriesCount, "trendsFilter.formula"), null));
    }

    private static double sampling(JsonNode source) {
        JsonNode value = source.get("samplingFactor");
        if (value == null || value.isNull()) {
            return Sampling.MAX_FACTOR;
        }
        if (!value.isNumber() || !Sampling.isFactor(value.doubleValue())) {
            throw unsupported("samplingFactor", "a number greater than 0 and at most 1 (at least " + Sampling.MIN_FACTOR + "); got " + value);
        }
        return value.doubleValue();
    }

    private static void refuseSet(JsonNode node, List<String> fields, String prefix) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                throw unsupported(prefix + field, "Clickmap does not compute it; leave it null");
            }
        }
    }

    private static JsonNode object(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw unsupported(prefix + field, "must be an object or null");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw unsupported(prefix + field, "must be a string or null; got " + value);
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw unsupported(prefix + field, "must be true, false or null; got " + value);
        }
        return value.booleanValue();
    }

    private static long integer(JsonNode node, String field, String prefix, long min, long max, long otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw unsupported(prefix + field, "must be an integer from " + min + " to " + max + "; got " + value);
        }
        return value.longValue();
    }
}
