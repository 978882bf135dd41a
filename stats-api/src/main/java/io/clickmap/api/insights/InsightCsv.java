package io.clickmap.api.insights;

import io.clickmap.api.trends.TrendsItem;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ?format=csv}: a list is one row per insight with its plain fields (PostHog's CSV is a flattened JSON dump
 * its users find unreadable); a retrieved insight is its result as {@code series,<bucket labels…>} rows, which
 * until insights are computed is the header alone; an activity page is one row per entry, naming the fields it
 * changed; a bulk tag update one row per id, updated or skipped. RFC 4180 quoting, CRLF line ends.
 */
final class InsightCsv {
    static final List<String> LIST_COLUMNS = List.of("id", "short_id", "name", "derived_name", "description", "tags", "created_at",
            "last_modified_at", "last_refresh");

    private InsightCsv() {
    }

    static final List<String> ACTIVITY_COLUMNS = List.of("id", "created_at", "activity", "item_id", "name", "short_id", "user_email", "changed_fields");
    static final List<String> BULK_COLUMNS = List.of("id", "outcome", "tags", "reason");

    /** A trend as one row per item: its label (with its breakdown value and compare label), then its numbers. */
    static String result(List<TrendsItem> items) {
        StringBuilder csv = new StringBuilder();
        boolean totals = !items.isEmpty() && items.get(0).aggregatedValue() != null;
        List<String> header = new ArrayList<>();
        header.add("series");
        header.addAll(totals ? List.of("value") : items.isEmpty() ? List.of() : items.get(0).labels());
        row(csv, header);
        for (TrendsItem item : items) {
            List<String> cells = new ArrayList<>();
            String label = item.label();
            if (item.breakdownValue() != null && !label.endsWith(item.breakdownValue())) {
                label += " - " + item.breakdownValue();
            }
            cells.add(item.compareLabel() == null ? label : label + " (" + item.compareLabel() + ")");
            if (totals) {
                cells.add(String.valueOf(item.aggregatedValue()));
            } else {
                item.data().forEach(value -> cells.add(String.valueOf(value)));
            }
            row(csv, cells);
        }
        return csv.toString();
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

    static String activity(List<ActivityJson.Entry> entries) {
        StringBuilder csv = new StringBuilder();
        row(csv, ACTIVITY_COLUMNS);
        for (ActivityJson.Entry entry : entries) {
            ActivityJson.Detail detail = entry.detail();
            List<ActivityJson.Change> changes = detail.changes() == null ? List.of() : detail.changes();
            row(csv, List.of(entry.id(), entry.createdAt(), entry.activity(), entry.itemId(), orEmpty(detail.name()), detail.shortId(),
                    entry.user() == null ? "" : orEmpty(entry.user().email()),
                    String.join(",", changes.stream().map(ActivityJson.Change::field).toList())));
        }
        return csv.toString();
    }

    static String bulkResult(BulkTagsController.Result result) {
        StringBuilder csv = new StringBuilder();
        row(csv, BULK_COLUMNS);
        result.updated().forEach(updated -> row(csv, List.of(String.valueOf(updated.id()), "updated", String.join(",", updated.tags()), "")));
        result.skipped().forEach(skipped -> row(csv, List.of(String.valueOf(skipped.id()), "skipped", "", skipped.reason())));
        return csv.toString();
    }

    static void row(StringBuilder csv, List<String> cells) {
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
