package io.clickmap.api.trends;

import io.clickmap.api.query.ElementFilter;
import io.clickmap.chain.Element;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The chains each element filter of one computation matches, as SQL: membership of the event's chain hash in
 * that set, and events without a chain where the filter holds for an empty chain (a negated one does). The
 * environment's chains are read once per computation, and only if a filter needs them.
 */
final class ChainMatches {
    private final Supplier<ChainCatalog.Chains> catalog;
    private final Map<ElementFilter, Fragment> resolved = new IdentityHashMap<>();
    private ChainCatalog.Chains chains;

    ChainMatches(Supplier<ChainCatalog.Chains> catalog) {
        this.catalog = catalog;
    }

    Fragment condition(ElementFilter filter) {
        return resolved.computeIfAbsent(filter, this::resolve);
    }

    private Fragment resolve(ElementFilter filter) {
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
        boolean withoutChain = filter.matches(List.of());
        if (hashes.length() == 0) {
            return Fragment.code(withoutChain ? "(elements_chain = '')" : "0");
        }
        String member = "cityHash64(elements_chain) IN (" + hashes + ")";
        return new Fragment(withoutChain ? "(elements_chain = '' OR " + member + ")" : "(" + member + ")");
    }
}
