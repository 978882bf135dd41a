package io.clickmap.api.insights;

import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;

/**
 * One page of the list and how many insights match: the environment's live insights ({@link CurrentInsights})
 * filtered, then ranked by {@code search} ({@link InsightSearch}) or put in the requested order, then paged.
 */
@Singleton
class InsightListing {
    /** The page, and when searching how each of its rows matched. */
    record Page(long count, List<StoredInsight> rows, Map<Long, String> matchTypes) {
    }

    private final CurrentInsights current;

    InsightListing(CurrentInsights current) {
        this.current = current;
    }

    Page page(long environmentId, InsightListQuery query, ServerTiming timing) {
        long started = System.nanoTime();
        List<InsightSearch.Indexed> live = current.live(environmentId, timing).insights();
        Page page;
        if (query.search() == null) {
            List<StoredInsight> sorted = live.stream().map(InsightSearch.Indexed::insight).filter(query.filter()).sorted(query.order()).toList();
            page = new Page(sorted.size(), slice(sorted, query), null);
        } else {
            String needle = query.search().toLowerCase(Locale.ROOT);
            long[] trigrams = Trigrams.of(query.search());
            List<InsightSearch.Match> matches = live.stream().filter(indexed -> query.filter().test(indexed.insight()))
                    .map(indexed -> InsightSearch.match(indexed, needle, trigrams)).flatMap(Optional::stream)
                    .sorted(InsightSearch.ORDER).toList();
            List<InsightSearch.Match> onPage = slice(matches, query);
            Map<Long, String> types = new HashMap<>();
            onPage.forEach(match -> types.put(match.insight().id(), match.type()));
            page = new Page(matches.size(), onPage.stream().map(InsightSearch.Match::insight).toList(), types);
        }
        timing.add("list", System.nanoTime() - started);
        return page;
    }

    private static <T> List<T> slice(List<T> all, InsightListQuery query) {
        long offset = query.page().offset();
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList((int) offset, (int) Math.min(all.size(), offset + query.page().limit()));
    }
}
