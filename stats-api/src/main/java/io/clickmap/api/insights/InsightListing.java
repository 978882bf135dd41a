package io.clickmap.api.insights;

import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of the list and how many insights match, over each insight's current version. Without {@code search},
 * ClickHouse filters, orders and pages. With it, ClickHouse filters and returns only what search reads (names,
 * description, tags); the matches are ranked here ({@link InsightSearch}), and the page's rows are read by id.
 */
@Singleton
class InsightListing {
    private static final SqlTemplate PAGE = SqlTemplate.of("SELECT " + InsightStore.COLUMNS + " FROM {current} "
            + "WHERE deleted = 0 AND {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}");
    private static final SqlTemplate COUNT = SqlTemplate.of("SELECT count() AS count FROM {current} WHERE deleted = 0 AND {where}");
    private static final SqlTemplate CANDIDATES = SqlTemplate.of("SELECT id, name, derived_name, description, tags FROM {current} "
            + "WHERE deleted = 0 AND {where}");
    private static final SqlTemplate BY_IDS = SqlTemplate.of("SELECT " + InsightStore.COLUMNS + " FROM {current} WHERE id IN ({ids})");

    /** The page, and when searching how each of its rows matched. */
    record Page(long count, List<StoredInsight> rows, Map<Long, String> matchTypes) {
    }

    private final InsightStore store;
    private final ClickHouseSql sql;

    InsightListing(InsightStore store, ClickHouseSql sql) {
        this.store = store;
        this.sql = sql;
    }

    Page page(long environmentId, InsightListQuery query, ServerTiming timing) {
        Fragment current = InsightStore.CURRENT.bind("team", environmentId).fragment();
        if (query.search() != null) {
            return searched(environmentId, current, query, timing);
        }
        long count = store.count(COUNT.bind("current", current).bind("where", query.where()).render(), timing);
        if (query.page().offset() >= count) {
            return new Page(count, List.of(), null);
        }
        String page = PAGE.bind("current", current).bind("where", query.where()).bind("order", Fragment.code(query.orderBy()))
                .bind("limit", query.page().limit()).bind("offset", query.page().offset()).render();
        return new Page(count, store.select(page, timing), null);
    }

    private Page searched(long environmentId, Fragment current, InsightListQuery query, ServerTiming timing) {
        String statement = CANDIDATES.bind("current", current).bind("where", query.where()).render();
        List<InsightSearch.Candidate> candidates = timing.clickHouse(() -> sql.query(statement, row -> {
            List<String> tags = new ArrayList<>();
            row.get("tags").forEach(tag -> tags.add(tag.asText()));
            return new InsightSearch.Candidate(row.get("id").asLong(), text(row.get("name")), text(row.get("derived_name")),
                    text(row.get("description")), tags);
        }));
        List<InsightSearch.Match> matches = candidates.stream().map(candidate -> InsightSearch.match(candidate, query.search()))
                .flatMap(java.util.Optional::stream).sorted(InsightSearch.ORDER).toList();
        long offset = query.page().offset();
        if (offset >= matches.size()) {
            return new Page(matches.size(), List.of(), Map.of());
        }
        List<InsightSearch.Match> onPage = matches.subList((int) offset, (int) Math.min(matches.size(), offset + query.page().limit()));
        Map<Long, Integer> position = new HashMap<>();
        Map<Long, String> types = new HashMap<>();
        for (int i = 0; i < onPage.size(); i++) {
            position.put(onPage.get(i).id(), i);
            types.put(onPage.get(i).id(), onPage.get(i).type());
        }
        Fragment ids = new Fragment(String.join(", ", onPage.stream().map(match -> String.valueOf(match.id())).toList()));
        List<StoredInsight> rows = new ArrayList<>(store.select(BY_IDS.bind("current", current).bind("ids", ids).render(), timing));
        rows.sort(Comparator.comparingInt(row -> position.get(row.id())));
        return new Page(matches.size(), rows, types);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode value) {
        return value.isNull() ? null : value.asText();
    }
}
