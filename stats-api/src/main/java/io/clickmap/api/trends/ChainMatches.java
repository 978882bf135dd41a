package io.clickmap.api.trends;

import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The chains each element filter of one computation matches, as SQL: over {@code events}, membership of the event's
 * chain hash in that set, and events without a chain where the filter holds for an empty chain (a negated one does);
 * over the chain rollups, whose rows all have a chain, membership of its {@code chain_hash} alone. The set is the
 * filter's rows of {@code element_matches}, read with {@code GLOBAL IN}: on a cluster the server the statement reaches
 * reads it once and sends it to the shards, so it is the copy {@link ChainCatalog} stored the set in.
 * <p>
 * Matches hold while the environment's chain count is unchanged. The count is read once per computation, and only if
 * a filter needs it, on another thread: a filter whose matches are kept is rendered with them at once, so the count
 * is read while the statements run, and {@link #confirmed} says afterwards whether it was still the kept one. When it
 * was not, the computation runs again on {@link #recounted} matches, which are found for the count read.
 */
final class ChainMatches {
    private static final SqlTemplate SET = SqlTemplate.of("(SELECT chain_hash FROM element_matches WHERE team_id = {team} AND filter_hash = {filter})");

    private final ChainCatalog catalog;
    private final long environmentId;
    private final ServerTiming timing;
    private final Executor counter;
    private final Map<ElementFilter, Matched> resolved = new IdentityHashMap<>();
    /** The chain counts that kept matches rendered before the count was read were found at. */
    private final Set<Long> assumed = new HashSet<>();
    private CompletableFuture<Long> counting;
    private ServerTiming countingTiming;
    private long chains = -1;

    /** The subquery giving the matching chains' hashes (null when none matches). */
    private record Matched(Fragment set, boolean withoutChain) {
    }

    ChainMatches(ChainCatalog catalog, long environmentId, ServerTiming timing, Executor counter) {
        this.catalog = catalog;
        this.environmentId = environmentId;
        this.timing = timing;
        this.counter = counter;
    }

    /** Matches for the same computation run again, found for the chain count this one read. */
    ChainMatches recounted() {
        ChainMatches again = new ChainMatches(catalog, environmentId, timing, counter);
        again.chains = counted();
        return again;
    }

    /** Whether every kept match this computation used still holds: the environment's chain count is the one it was found at. */
    boolean confirmed() {
        return assumed.isEmpty() || assumed.equals(Set.of(counted()));
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
            startCounting();
            Optional<ChainCatalog.Matches> kept = catalog.kept(environmentId, filter);
            if (kept.isPresent()) {
                assumed.add(kept.get().chains());
                return rendered(kept.get(), filter);
            }
        }
        return rendered(catalog.matching(environmentId, counted(), filter, timing), filter);
    }

    private Matched rendered(ChainCatalog.Matches matches, ElementFilter filter) {
        boolean withoutChain = filter.matches(List.of());
        if (matches.count() == 0) {
            return new Matched(null, withoutChain);
        }
        return new Matched(new Fragment(SET.bind("team", environmentId).bind("filter", matches.filterHash()).render()), withoutChain);
    }

    private void startCounting() {
        if (counting == null) {
            // ServerTiming is one thread's: the count's time joins the request's once it is read.
            countingTiming = new ServerTiming();
            counting = CompletableFuture.supplyAsync(() -> catalog.chains(environmentId, countingTiming), counter);
        }
    }

    /** The environment's chain count, read once; a failure to read it is thrown as it was. */
    private long counted() {
        if (chains < 0) {
            startCounting();
            try {
                chains = counting.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            } finally {
                timing.addClickHouse(countingTiming);
            }
        }
        return chains;
    }
}
