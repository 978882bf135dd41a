package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import java.util.Optional;

/**
 * What an alert needs to know of a saved TrendsQuery before it is computed: how many result items it has without a
 * breakdown (its formulas, else its series), whether it shows one total value per item rather than a time series,
 * whether it breaks down, and its interval. Read by the one TrendsQuery parser, so it agrees with the computation.
 */
public record TrendsShape(int results, boolean totalValue, boolean breakdown, TrendsInterval interval) {

    /** Whether the saved query is a TrendsQuery, bare or in an InsightVizNode, computable by Clickmap or not. */
    public static boolean isTrendsQuery(JsonNode saved) {
        JsonNode source = "InsightVizNode".equals(saved.path("kind").asText()) ? saved.path("source") : saved;
        return "TrendsQuery".equals(source.path("kind").asText());
    }

    /** The shape of a TrendsQuery Clickmap computes; for one it refuses, the computation's refusal (a 400 naming the field). */
    public static TrendsShape of(JsonNode saved) {
        TrendsQuery query = TrendsQueryParser.parse(saved);
        int results = query.formulas().isEmpty() ? query.series().size() : query.formulas().size();
        return new TrendsShape(results, query.display() == TrendsDisplay.TOTAL_VALUE, query.breakdown() != null, query.interval());
    }

    /** The shape of a TrendsQuery Clickmap computes; empty for one it refuses. */
    public static Optional<TrendsShape> ifComputed(JsonNode saved) {
        try {
            return Optional.of(of(saved));
        } catch (ApiException refused) {
            return Optional.empty();
        }
    }
}
