package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trends query Clickmap computes, as the rule-based insight actions read it (naming it, suggesting what to ask
 * next): what each series counts, the window, the filters, breakdown, comparison and shape, as plain public values.
 * Made only by checking the query as a computation would ({@link TrendsQueryParser}), so an outline exists exactly
 * for the queries Clickmap computes; any other is its {@code unsupported_query} 400.
 */
public record TrendsOutline(List<Series> series, TrendsInterval interval, DateBound dateFrom, DateBound dateTo, List<Filter> filters, int orGroups,
                            String breakdown, int breakdownLimit, boolean compare, String compareTo, Shape shape, List<FormulaOutline> formulas,
                            int smoothingIntervals, boolean filterTestAccounts) {

    /** The breakdown values of result items that stand for the values beyond the limit, and for events without the property. */
    public static final String OTHER_VALUE = Breakdown.OTHER;
    public static final String NO_VALUE = Breakdown.NONE;

    public enum Shape { TIME_SERIES, CUMULATIVE, TOTAL_VALUE }

    /** One series: its node's event (null: all click events, or a GroupNode's), the events it counts, its math's wire name. */
    public record Series(String event, List<String> events, String customName, String math, List<Filter> filters) {
    }

    /** An event-property filter, or an element filter ({@code element}: tag_name, text, href or selector), leaves of AND groups. */
    public record Filter(boolean element, String key, String operator, List<String> values) {
    }

    public record FormulaOutline(String formula, String customName) {
    }

    /**
     * A bound of the date range as sent ({@code text}, null when absent). A relative one also as its parts: how many
     * {@code unit}s back ({@code hour … year}; 0 for "this one") and where in that unit ({@code start}, {@code end}, or
     * {@code null} as it is); {@code unit} is null for absolute dates and {@code all}.
     */
    public record DateBound(String text, int amount, String unit, String position) {
        public static DateBound of(String text) {
            return text == null ? new DateBound(null, 0, null, null) : RelativeDate.parse(text.strip())
                    .map(relative -> new DateBound(text, relative.amount(), relative.unit().name().toLowerCase(Locale.ROOT),
                            relative.position() == RelativeDate.Position.AS_IS ? null : relative.position().name().toLowerCase(Locale.ROOT)))
                    .orElse(new DateBound(text, 0, null, null));
        }
    }

    /** The outline of a saved query (an InsightVizNode around a TrendsQuery, or a bare one); a 400 for any other. */
    public static TrendsOutline of(JsonNode saved) {
        TrendsQuery query = TrendsQueryParser.parse(saved);
        List<Filter> filters = new ArrayList<>();
        int orGroups = leaves(query.properties(), filters);
        List<Series> series = new ArrayList<>();
        for (TrendsSeries one : query.series()) {
            List<Filter> own = new ArrayList<>();
            // A GroupNode's own OR of its nodes is its events, already named; only AND-ed filters are described.
            leaves(one.properties(), own);
            series.add(new Series(one.event(), one.events(), one.customName(), one.math().wireName, own));
        }
        Breakdown breakdown = query.breakdown();
        return new TrendsOutline(series, query.interval(),
                DateBound.of(query.dateFrom() == null ? TrendsDateRange.DEFAULT_DATE_FROM : query.dateFrom()), DateBound.of(query.dateTo()), filters, orGroups,
                breakdown == null ? null : breakdown.property(), breakdown == null ? 0 : breakdown.limit(), query.compare(),
                query.compare() ? query.compareTo() : null, shape(query.display()),
                query.formulas().stream().map(named -> new FormulaOutline(named.formula().text(), named.customName())).toList(),
                query.smoothingIntervals(), query.filterTestAccounts());
    }

    /** The TrendsQuery node of a saved query, unwrapped from its InsightVizNode; a 400 for any other kind. */
    public static JsonNode source(JsonNode saved) {
        return TrendsQueryParser.source(saved);
    }

    /** Whether Clickmap computes this query, every part of it. */
    public static boolean isComputed(JsonNode saved) {
        try {
            TrendsQueryParser.parse(saved);
            return true;
        } catch (ApiException refused) {
            return false;
        }
    }

    /** Whether the series count all three click events. */
    public static boolean isAllClicks(List<String> events) {
        return events.containsAll(TrendsQueryParser.CLICK_EVENTS);
    }

    private static Shape shape(TrendsDisplay display) {
        return switch (display) {
            case TIME_SERIES -> Shape.TIME_SERIES;
            case CUMULATIVE -> Shape.CUMULATIVE;
            case TOTAL_VALUE -> Shape.TOTAL_VALUE;
        };
    }

    /** Adds the filters AND-ed at the top of a condition; returns how many OR groups (of two or more) it has there. */
    private static int leaves(Condition condition, List<Filter> into) {
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().mapToInt(inner -> leaves(inner, into)).sum();
        }
        if (condition instanceof Condition.Any any) {
            // PostHog's editor saves {"type": "OR", "values": [one AND group]}: an OR of one is that one.
            return any.conditions().size() == 1 ? leaves(any.conditions().get(0), into) : 1;
        }
        if (condition instanceof Condition.Event event) {
            into.add(new Filter(false, event.filter().key(), event.filter().operator().wireName, event.filter().values()));
        } else if (condition instanceof Condition.Element element) {
            into.add(new Filter(true, element.filter().key().wireName, element.filter().operator().wireName, element.filter().values()));
        }
        return 0;
    }
}
