package io.clickmap.api.insights;

import io.clickmap.api.users.UserBasic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code ?format=csv} of the view endpoints: one row per insight, as the list's CSV ({@link InsightCsv#LIST_COLUMNS}),
 * then what the JSON adds — {@code last_viewed_at}, and for trending {@code view_count} and the viewers' e-mails.
 */
final class ViewsCsv {
    static final List<String> LAST_VIEWED_COLUMNS = columns(List.of("last_viewed_at"));
    static final List<String> TRENDING_COLUMNS = columns(List.of("last_viewed_at", "view_count", "viewers"));

    private ViewsCsv() {
    }

    static String lastViewed(List<ViewHistory.Seen> seen) {
        StringBuilder csv = new StringBuilder();
        InsightCsv.row(csv, LAST_VIEWED_COLUMNS);
        seen.forEach(one -> InsightCsv.row(csv, cells(one.insight(), List.of(one.at().toString()))));
        return csv.toString();
    }

    /** {@code users}: the user of an id, or null for one that no longer exists (left out). */
    static String trending(List<ViewHistory.Ranked> ranked, Function<Long, UserBasic> users) {
        StringBuilder csv = new StringBuilder();
        InsightCsv.row(csv, TRENDING_COLUMNS);
        for (ViewHistory.Ranked one : ranked) {
            String viewers = String.join(",", one.recentViewers().stream().map(users).filter(Objects::nonNull).map(UserBasic::email).toList());
            InsightCsv.row(csv, cells(one.insight(), List.of(one.lastViewedAt().toString(), String.valueOf(one.viewCount()), viewers)));
        }
        return csv.toString();
    }

    private static List<String> cells(StoredInsight insight, List<String> more) {
        List<String> cells = new ArrayList<>(InsightCsv.listCells(insight));
        cells.addAll(more);
        return cells;
    }

    private static List<String> columns(List<String> more) {
        List<String> columns = new ArrayList<>(InsightCsv.LIST_COLUMNS);
        columns.addAll(more);
        return List.copyOf(columns);
    }
}
