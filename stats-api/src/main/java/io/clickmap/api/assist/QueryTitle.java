package io.clickmap.api.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsOutline;
import io.clickmap.api.trends.TrendsOutline.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A name and a description for an insight, made from its query by fixed rules (PostHog asks a language model): the
 * name says what is counted, per what, where and by what ("Rage clicks per day on /checkout, by browser"); the
 * description says it all, window and filters included. A query Clickmap does not compute is named by its kind.
 * Pure: the same query gives the same texts, each at most {@code maxLength} characters.
 */
public final class QueryTitle {
    private QueryTitle() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Metadata(String name, String description) {
    }

    /** The metadata of a query, a JSON object with a string {@code kind}. */
    public static Metadata of(JsonNode query, int maxLength) {
        TrendsOutline outline;
        try {
            outline = TrendsOutline.of(query);
        } catch (ApiException refused) {
            return uncomputed(query, refused, maxLength);
        }
        return new Metadata(Wording.bounded(name(outline), maxLength), Wording.bounded(description(outline), maxLength));
    }

    static String name(TrendsOutline outline) {
        List<TrendsOutline.Filter> filters = QueryWording.commonFilters(outline);
        StringBuilder name = new StringBuilder(Wording.capitalised(subject(outline)));
        name.append(QueryWording.elements(filters));
        switch (outline.shape()) {
            case TIME_SERIES -> name.append(" per ").append(outline.interval().jsonName());
            case CUMULATIVE -> name.append(" per ").append(outline.interval().jsonName()).append(", running total");
            case TOTAL_VALUE -> name.append(' ').append(QueryWording.range(outline.dateFrom(), outline.dateTo()));
        }
        name.append(QueryWording.pages(filters));
        if (outline.breakdown() != null) {
            name.append(", by ").append(Wording.property(outline.breakdown()));
        }
        if (outline.compare()) {
            name.append(", ").append(QueryWording.comparison(outline.compareTo()).replace("compared with", "vs"));
        }
        return name.toString();
    }

    static String description(TrendsOutline outline) {
        List<String> parts = new ArrayList<>();
        String per = outline.shape() == Shape.TOTAL_VALUE ? "" : " per " + outline.interval().jsonName();
        if (outline.formulas().isEmpty()) {
            parts.add("Counts " + Wording.list(outline.series().stream().map(QueryTitle::seriesWithFilters).toList()) + per
                    + " " + QueryWording.range(outline.dateFrom(), outline.dateTo()));
        } else {
            parts.add("Computes " + Wording.list(outline.formulas().stream().map(TrendsOutline.FormulaOutline::formula).toList()) + per
                    + " " + QueryWording.range(outline.dateFrom(), outline.dateTo()) + ", where " + letters(outline));
        }
        if (!outline.filters().isEmpty()) {
            parts.add("for events where " + QueryWording.filters(outline.filters()));
        }
        if (outline.orGroups() > 0) {
            parts.add("matching " + (outline.orGroups() == 1 ? "a group" : outline.orGroups() + " groups") + " of alternative filters");
        }
        if (outline.breakdown() != null) {
            parts.add("broken down by " + outline.breakdown() + " (the top " + outline.breakdownLimit() + " values)");
        }
        if (outline.compare()) {
            parts.add(QueryWording.comparison(outline.compareTo()));
        }
        if (outline.shape() == Shape.CUMULATIVE) {
            parts.add("as a running total");
        }
        if (outline.shape() == Shape.TOTAL_VALUE) {
            parts.add("as one total for the whole range");
        }
        if (outline.smoothingIntervals() > 1) {
            parts.add("smoothed over " + Wording.count(outline.smoothingIntervals(), outline.interval().jsonName()));
        }
        if (outline.filterTestAccounts()) {
            parts.add("leaving out internal users");
        }
        return String.join(", ", parts) + ".";
    }

    /** What the name counts: its series' measures, or its formulas with each letter read as its series. */
    private static String subject(TrendsOutline outline) {
        if (outline.formulas().isEmpty()) {
            List<String> measures = outline.series().stream().map(Wording::measure).toList();
            return Wording.listFirst(measures, QueryWording.NAMED_VALUES);
        }
        List<String> formulas = new ArrayList<>();
        for (TrendsOutline.FormulaOutline formula : outline.formulas()) {
            formulas.add(formula.customName() != null && !formula.customName().isBlank() ? formula.customName().strip() : spelled(formula.formula(), outline));
        }
        return Wording.listFirst(formulas, QueryWording.NAMED_VALUES);
    }

    /** "A/B*100" as "rage clicks / clicks * 100". */
    private static String spelled(String formula, TrendsOutline outline) {
        StringBuilder spelled = new StringBuilder();
        for (char c : formula.toCharArray()) {
            int letter = Character.toUpperCase(c) - 'A';
            if (Character.isLetter(c) && letter >= 0 && letter < outline.series().size()) {
                spelled.append(Wording.measure(outline.series().get(letter)));
            } else if ("+-*/".indexOf(c) >= 0) {
                spelled.append(' ').append(c).append(' ');
            } else if (!Character.isWhitespace(c)) {
                spelled.append(c);
            }
        }
        return spelled.toString().replace("  ", " ").strip();
    }

    private static String seriesWithFilters(TrendsOutline.Series series) {
        String filters = series.filters().isEmpty() ? "" : " where " + QueryWording.filters(series.filters());
        return Wording.measureWithEvents(series) + filters;
    }

    private static String letters(TrendsOutline outline) {
        List<String> letters = new ArrayList<>();
        for (int i = 0; i < outline.series().size(); i++) {
            letters.add((char) ('A' + i) + " is " + seriesWithFilters(outline.series().get(i)));
        }
        return Wording.list(letters);
    }

    /** A query Clickmap stores but does not compute: its kind names it, and the description says why no more. */
    private static Metadata uncomputed(JsonNode query, ApiException refused, int maxLength) {
        JsonNode source = "InsightVizNode".equals(query.path("kind").asText()) && query.path("source").path("kind").isTextual()
                ? query.get("source") : query;
        String kind = source.path("kind").asText();
        return new Metadata(Wording.bounded(kind + " insight", maxLength), Wording.bounded("A " + kind + ". Clickmap names it by its kind only, "
                + "since it does not compute it: " + refused.error().detail(), maxLength));
    }
}
