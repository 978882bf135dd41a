package io.clickmap.api.insights;

import io.clickmap.api.assist.FollowUps;
import io.clickmap.api.assist.QueryTitle;
import java.util.List;

/**
 * {@code ?format=csv} of the rule-based actions: the analysis as one {@code result} cell, the metadata as one
 * {@code name,description} row, the suggestions one row each with their query as JSON text.
 */
final class AssistCsv {
    private AssistCsv() {
    }

    static String analysis(InsightAssistController.Analysis analysis) {
        StringBuilder csv = new StringBuilder();
        InsightCsv.row(csv, List.of("result"));
        InsightCsv.row(csv, List.of(analysis.result()));
        return csv.toString();
    }

    static String metadata(QueryTitle.Metadata metadata) {
        StringBuilder csv = new StringBuilder();
        InsightCsv.row(csv, List.of("name", "description"));
        InsightCsv.row(csv, List.of(metadata.name(), metadata.description()));
        return csv.toString();
    }

    static String suggestions(List<FollowUps.Suggestion> suggestions) {
        StringBuilder csv = new StringBuilder();
        InsightCsv.row(csv, List.of("title", "description", "query"));
        suggestions.forEach(suggestion -> InsightCsv.row(csv, List.of(suggestion.title(), suggestion.description(), suggestion.query().toString())));
        return csv.toString();
    }
}
