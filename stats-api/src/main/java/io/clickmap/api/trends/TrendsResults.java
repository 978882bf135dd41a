package io.clickmap.api.trends;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsAnswer.QueryStatus;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An insight's trend for one request, by its refresh mode: served from the results cache (keyed by the query's
 * {@code filters_hash}), computed now, or computed in the background while the answer says so in
 * {@code query_status}. At most {@link TrendsConfig#trendsConcurrency()} computations run at once per
 * environment; one more is a 429. A query Clickmap does not compute is a 400 when a computation is asked for,
 * and otherwise answered with no result and a failed {@code query_status}.
 */
@Singleton
public class TrendsResults {
    private static final Logger LOG = LoggerFactory.getLogger(TrendsResults.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(TrendsComputation computation, String resultJson, TrendsInterval interval) {
    }

    private record Running(QueryStatus status) {
    }

    private record Saved(long environmentId, String query) {
    }

    /** A saved query checked once: its cache key, and the query Clickmap computes or why it does not. */
    private record Parsed(String hash, TrendsQuery query, JsonNode source, ApiException refusal) {
    }

    private final TrendsEngine engine;
    private final Clock clock;
    private final int concurrency;
    private final Cache<String, Cached> cache;
    // A list shows a hundred insights a page: each saved query is parsed (and its regexes compiled) once, not per page.
    // Parsed, a query takes about ten times its text; 16 MiB hold some thousands.
    private final Cache<Saved, Parsed> parsedQueries = Caffeine.newBuilder().maximumWeight(16L << 20)
            .weigher((Saved saved, Parsed parsed) -> 10 * saved.query().length() + 256).build();
    private final ConcurrentHashMap<String, Running> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, QueryStatus> failed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Semaphore> permits = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "trends-background");
        thread.setDaemon(true);
        return thread;
    });

    TrendsResults(TrendsEngine engine, Clock clock, TrendsConfig config) {
        this.engine = engine;
        this.clock = clock;
        this.concurrency = config.trendsConcurrency();
        this.cache = Caffeine.newBuilder().maximumWeight(config.trendsResultCacheBytes())
                .weigher((String key, Cached cached) -> 2 * (cached.resultJson().length() + cached.computation().hogql().length()) + 512).build();
    }

    /** The answer for a saved query (its JSON as stored); {@code clientQueryId} names a computation this request starts. */
    public TrendsAnswer answer(long environmentId, String savedQuery, RefreshMode mode, String clientQueryId, ServerTiming timing) {
        Parsed parsed = parsedQueries.get(new Saved(environmentId, savedQuery), TrendsResults::parse);
        String hash = parsed.hash();
        if (parsed.refusal() != null) {
            if (mode.computes()) {
                throw parsed.refusal();
            }
            return TrendsAnswer.none(hash, QueryStatus.unsupported(environmentId, parsed.refusal().error().detail()));
        }
        TrendsQuery query = parsed.query();
        JsonNode source = parsed.source();
        Instant now = clock.instant();
        Cached cached = cache.getIfPresent(hash);
        boolean fresh = cached != null && !Freshness.isStale(cached.computation(), query.interval(), mode, now);
        boolean computeNow = switch (mode) {
            case FORCE_CACHE -> false;
            case BLOCKING -> !fresh;
            case FORCE_BLOCKING -> true;
            case ASYNC_EXCEPT_ON_CACHE_MISS -> cached == null;
            case ASYNC, LAZY_ASYNC, FORCE_ASYNC -> false;
        };
        if (computeNow) {
            return served(hash, compute(environmentId, hash, query, source, clientQueryId, timing), false, null);
        }
        boolean startAsync = mode == RefreshMode.FORCE_ASYNC || mode.isAsync() && !fresh;
        QueryStatus status = startAsync ? startInBackground(environmentId, hash, query, source, clientQueryId) : statusOf(hash);
        return cached == null ? TrendsAnswer.none(hash, status) : served(hash, cached, true, status);
    }

    private QueryStatus statusOf(String hash) {
        Running now = running.get(hash);
        return now != null ? now.status() : failed.get(hash);
    }

    private Cached compute(long environmentId, String hash, TrendsQuery query, JsonNode source, String queryId, ServerTiming timing) {
        Semaphore semaphore = permits.computeIfAbsent(environmentId, id -> new Semaphore(concurrency));
        if (!semaphore.tryAcquire()) {
            throw ApiException.throttled(1);
        }
        try {
            TrendsComputation computation = engine.compute(environmentId, query, source, clock.instant(), queryId, timing);
            Cached cached = new Cached(computation, write(computation), query.interval());
            cache.put(hash, cached);
            failed.remove(hash);
            return cached;
        } finally {
            semaphore.release();
        }
    }

    private QueryStatus startInBackground(long environmentId, String hash, TrendsQuery query, JsonNode source, String queryId) {
        Running already = running.get(hash);
        if (already != null) {
            return already.status();
        }
        QueryStatus status = new QueryStatus(queryId, environmentId, true, false, false, null, clock.instant().toString(), null, null);
        if (running.putIfAbsent(hash, new Running(status)) != null) {
            return running.get(hash).status();
        }
        Semaphore semaphore = permits.computeIfAbsent(environmentId, id -> new Semaphore(concurrency));
        if (!semaphore.tryAcquire()) {
            running.remove(hash);
            throw ApiException.throttled(1);
        }
        background.execute(() -> {
            try {
                TrendsComputation computation = engine.compute(environmentId, query, source, clock.instant(), queryId, new ServerTiming());
                cache.put(hash, new Cached(computation, write(computation), query.interval()));
                failed.remove(hash);
            } catch (RuntimeException e) {
                String message = e instanceof ApiException api ? api.error().detail() : "The computation failed: " + e.getMessage();
                LOG.warn("background trends computation {} of environment {} failed: {}", queryId, environmentId, message);
                failed.put(hash, new QueryStatus(queryId, environmentId, true, true, true, message, status.startTime(), clock.instant().toString(), null));
            } finally {
                semaphore.release();
                running.remove(hash);
            }
        });
        return status;
    }

    private static TrendsAnswer served(String hash, Cached cached, boolean fromCache, QueryStatus status) {
        TrendsComputation computation = cached.computation();
        return new TrendsAnswer(cached.resultJson(), computation.items(), computation.computedAt(),
                Freshness.cacheTargetAge(computation, cached.interval()), Freshness.nextAllowedClientRefresh(computation, cached.interval()),
                fromCache, status, computation.hogql(), new TrendsAnswer.ResolvedRange(computation.from().toString(), computation.to().toString()),
                hash, computation.hasMore());
    }

    private static Parsed parse(Saved saved) {
        JsonNode query = read(saved.query());
        String hash = FiltersHash.of(saved.environmentId(), query);
        try {
            return new Parsed(hash, TrendsQueryParser.parse(query), TrendsQueryParser.source(query), null);
        } catch (ApiException refusal) {
            return new Parsed(hash, null, null, refusal);
        }
    }

    private static JsonNode read(String savedQuery) {
        try {
            return JSON.readTree(savedQuery);
        } catch (JsonProcessingException e) {
            // Stored queries were checked to be JSON objects on the way in.
            throw new IllegalStateException("a stored query is not JSON", e);
        }
    }

    private static String write(TrendsComputation computation) {
        try {
            return JSON.writeValueAsString(computation.items());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trend items did not serialise", e);
        }
    }
}
