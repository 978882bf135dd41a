package io.clickmap.api.insights;

import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One page of the list and how many insights match: the environment's live insights ({@link CurrentInsights})
 * filtered, then ranked by {@code search} ({@link InsightSearch}) or put in the requested order, then paged.
 */
@Singleton
class InsightListing {
    /** The page, when each of its rows was last viewed by anyone, and when searching how each row matched. */
    record Page(long count, List<StoredInsight> rows, Map<Long, Instant> lastViewedAt, Map<Long, String> matchTypes) {
    }

    private final CurrentInsights current;
    private final InsightViews views;

    InsightListing(CurrentInsights current, InsightViews views) {
        this.current = current;
        this.views = views;
    }

    Page page(long environmentId, InsightListQuery query, ServerTiming timing) {
        long started = System.nanoTime();
        List<InsightSearch.Indexed> live = current.live(environmentId, timing).insights();
        Map<Long, Instant> stored = views.newestByInsight(environmentId, timing);
        Predicate<StoredInsight> filter = query.filter().and(insight -> query.lastViewed().test(lastViewed(insight, stored)));
        Page page;
        if (query.search() == null) {
            List<StoredInsight> sorted = live.stream().map(InsightSearch.Indexed::insight).filter(filter).sorted(query.order()).toList();
            page = new Page(sorted.size(), slice(sorted, query), lastViewed(slice(sorted, query), stored), null);
        } else {
            String needle = query.search().toLowerCase(Locale.ROOT);
            long[] trigrams = Trigrams.of(query.search());
            List<InsightSearch.Match> matches = live.stream().filter(indexed -> filter.test(indexed.insight()))
                    .map(indexed -> InsightSearch.match(indexed, needle, trigrams)).flatMap(Optional::stream)
                    .sorted(InsightSearch.ORDER).toList();
            List<InsightSearch.Match> onPage = slice(matches, query);
            Map<Long, String> types = new HashMap<>();
            onPage.forEach(match -> types.put(match.insight().id(), match.type()));
            List<StoredInsight> rows = onPage.stream().map(InsightSearch.Match::insight).toList();
            page = new Page(matches.size(), rows, lastViewed(rows, stored), types);
        }
        timing.add("list", System.nanoTime() - started);
        return page;
    }

    private static Map<Long, Instant> lastViewed(List<StoredInsight> rows, Map<Long, Instant> stored) {
        Map<Long, Instant> newest = new HashMap<>();
        rows.forEach(insight -> newest.put(insight.id(), lastViewed(insight, stored)));
        return newest;
    }

    private static Instant lastViewed(StoredInsight insight, Map<Long, Instant> stored) {
        return ViewHistory.newestByAnyone(insight, stored.get(insight.id()));
    }

    private static <T> List<T> slice(List<T> all, InsightListQuery query) {
        long offset = query.page().offset();
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList((int) offset, (int) Math.min(all.size(), offset + query.page().limit()));
    }
}
