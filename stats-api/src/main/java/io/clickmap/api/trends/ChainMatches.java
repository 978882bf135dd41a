package io.clickmap.api.trends;

import io.clickmap.api.query.ElementFilter;
import io.clickmap.chain.Element;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The chains each element filter of one computation matches, as SQL: over {@code events}, membership of the event's
 * chain hash in that set, and events without a chain where the filter holds for an empty chain (a negated one does);
 * over the daily rollup, whose rows all have a chain, membership of its {@code chain_hash} alone. The environment's
 * chains are read once per computation, and only if a filter needs them.
 */
final class ChainMatches {
    private final Supplier<ChainCatalog.Chains> catalog;
    private final Map<ElementFilter, Matched> resolved = new IdentityHashMap<>();
    private ChainCatalog.Chains chains;

    /** The matching chains' hashes as a list of UInt64 literals (empty when none matches). */
    private record Matched(String hashes, boolean withoutChain) {
    }

    ChainMatches(Supplier<ChainCatalog.Chains> catalog) {
        this.catalog = catalog;
    }

    /** The filter over {@code events}. */
    Fragment condition(ElementFilter filter) {
        Matched matched = matched(filter);
        if (matched.hashes().isEmpty()) {
            return Fragment.code(matched.withoutChain() ? "(elements_chain = '')" : "0");
        }
        String member = "cityHash64(elements_chain) IN (" + matched.hashes() + ")";
        return new Fragment(matched.withoutChain() ? "(elements_chain = '' OR " + member + ")" : "(" + member + ")");
    }

    /** The filter over {@code element_clicks_daily}. */
    Fragment onDailyRollup(ElementFilter filter) {
        Matched matched = matched(filter);
        return matched.hashes().isEmpty() ? Fragment.code("0") : new Fragment("(chain_hash IN (" + matched.hashes() + "))");
    }

    private Matched matched(ElementFilter filter) {
        return resolved.computeIfAbsent(filter, this::resolve);
    }

    private Matched resolve(ElementFilter filter) {
        if (chains == null) {
            chains = catalog.get();
        }
        StringBuilder hashes = new StringBuilder();
        List<List<Element>> elements = chains.elements();
        for (int i = 0; i < elements.size(); i++) {
            if (filter.matches(elements.get(i))) {
                hashes.append(hashes.length() == 0 ? "" : ", ").append(Long.toUnsignedString(chains.hashes()[i]));
            }
        }
        return new Matched(hashes.toString(), filter.matches(List.of()));
    }
}
