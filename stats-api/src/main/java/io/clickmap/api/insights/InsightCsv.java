package io.clickmap.api.insights;

import java.util.List;

/**
 * {@code ?format=csv}: a list is one row per insight with its plain fields (PostHog's CSV is a flattened JSON dump
 * its users find unreadable); a retrieved insight is its result as {@code series,<bucket labels…>} rows, which
 * until insights are computed is the header alone. RFC 4180 quoting, CRLF line ends.
 */
final class InsightCsv {
    static final List<String> LIST_COLUMNS = List.of("id", "short_id", "name", "derived_name", "description", "tags", "created_at",
            "last_modified_at", "last_refresh");

    private InsightCsv() {
    }

    static String result() {
        return "series\r\n";
    }

    static String list(List<StoredInsight> insights) {
        StringBuilder csv = new StringBuilder();
        row(csv, LIST_COLUMNS);
        for (StoredInsight insight : insights) {
            InsightFields fields = insight.fields();
            row(csv, List.of(String.valueOf(insight.id()), insight.shortId(), orEmpty(fields.name()), orEmpty(fields.derivedName()),
                    orEmpty(fields.description()), String.join(",", fields.tags()), insight.createdAt().toString(),
                    insight.lastModifiedAt().toString(), ""));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(String text) {
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
