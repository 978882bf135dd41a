package io.clickmap.api.trends;

import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chains each element filter of one computation matches, as SQL: over {@code events}, membership of the event's
 * chain hash in that set, and events without a chain where the filter holds for an empty chain (a negated one does);
 * over the chain rollups, whose rows all have a chain, membership of its {@code chain_hash} alone. The set is the
 * filter's rows of {@code element_matches}, read with {@code GLOBAL IN}: on a cluster the server the statement reaches
 * reads it once and sends it to the shards, so it is the copy {@link ChainCatalog} stored the set in. The
 * environment's chain count is read once per computation, and only if a filter needs it.
 */
final class ChainMatches {
    private static final SqlTemplate SET = SqlTemplate.of("(SELECT chain_hash FROM element_matches WHERE team_id = {team} AND filter_hash = {filter})");

    private final ChainCatalog catalog;
    private final long environmentId;
    private final ServerTiming timing;
    private final Map<ElementFilter, Matched> resolved = new IdentityHashMap<>();
    private long chains = -1;

    /** The subquery giving the matching chains' hashes (null when none matches). */
    private record Matched(Fragment set, boolean withoutChain) {
    }

    ChainMatches(ChainCatalog catalog, long environmentId, ServerTiming timing) {
        this.catalog = catalog;
        this.environmentId = environmentId;
        this.timing = timing;
    }

    /** The filter over {@code events}. */
    Fragment condition(ElementFilter filter) {
        Matched matched = matched(filter);
        if (matched.set() == null) {
            return Fragment.code(matched.withoutChain() ? "(elements_chain = '')" : "0");
        }
        String member = "cityHash64(elements_chain) GLOBAL IN " + matched.set().sql();
        return new Fragment(matched.withoutChain() ? "(elements_chain = '' OR " + member + ")" : "(" + member + ")");
    }

    /** The filter over {@code element_clicks_daily} or {@code chain_clicks_daily}. */
    Fragment onDailyRollup(ElementFilter filter) {
        Matched matched = matched(filter);
        return matched.set() == null ? Fragment.code("0") : new Fragment("(chain_hash GLOBAL IN " + matched.set().sql() + ")");
    }

    private Matched matched(ElementFilter filter) {
        return resolved.computeIfAbsent(filter, this::resolve);
    }

    private Matched resolve(ElementFilter filter) {
        if (chains < 0) {
            chains = catalog.chains(environmentId, timing);
        }
        ChainCatalog.Matches matching = catalog.matching(environmentId, chains, filter, timing);
        boolean withoutChain = filter.matches(List.of());
        if (matching.count() == 0) {
            return new Matched(null, withoutChain);
        }
        return new Matched(new Fragment(SET.bind("team", environmentId).bind("filter", matching.filterHash()).render()), withoutChain);
    }
}
