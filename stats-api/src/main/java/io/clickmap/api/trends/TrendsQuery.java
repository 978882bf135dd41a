package io.clickmap.api.trends;

import java.util.List;

/**
 * A TrendsQuery that Clickmap computes, every part checked ({@link TrendsQueryParser}). Date bounds stay as sent
 * (relative ones resolve against the time of each computation); {@code formulas} replace the series in the result
 * when present; {@code compareTo} is null for the period just before, and only read when {@code compare}.
 */
record TrendsQuery(
        List<TrendsSeries> series,
        TrendsInterval interval,
        String dateFrom,
        String dateTo,
        boolean explicitDate,
        Condition properties,
        Breakdown breakdown,
        boolean compare,
        String compareTo,
        TrendsDisplay display,
        String displayName,
        List<NamedFormula> formulas,
        int smoothingIntervals,
        boolean filterTestAccounts,
        double samplingFactor) {

    TrendsQuery {
        series = List.copyOf(series);
        formulas = List.copyOf(formulas);
    }

    record NamedFormula(Formula formula, String customName) {
    }
}
