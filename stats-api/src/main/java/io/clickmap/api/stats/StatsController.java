package io.clickmap.api.stats;

import io.clickmap.api.query.PropertiesParameter;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.web.JsonResponses;
import io.clickmap.api.web.PageLinks;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * {@code GET …/elements/stats/}: clicks grouped by chain and event, PostHog-compatible. Order of checks: the
 * path (404), the key or toolbar token (401/403), the parameters (400); then the answer, cacheable by clients for 30 s.
 * The request is parsed once. On the event loop runs only what is cheap and bounded: a key, environment and
 * parameter check from memory and a page-cache lookup; a request that may wait for ClickHouse or compile a
 * regex runs on the blocking executor from its parameters on.
 */
@Controller
public class StatsController {
    static final String CACHE_CONTROL = "public, max-age=30";
    static final String VARY = "Accept, Accept-Encoding, Query-String";

    /** The query string as sent (for the page links) and the parameters parsed from it. */
    private record Parsed(QueryString query, StatsRequest stats) {
    }

    private final StatsService stats;
    private final PageLinks links;
    private final StatsConfig config;
    private final Clock clock;
    private final ExecutorService blocking;

    public StatsController(StatsService stats, PageLinks links, StatsConfig config, Clock clock,
                           @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.stats = stats;
        this.links = links;
        this.config = config;
        this.clock = clock;
        this.blocking = blocking;
    }

    // Micronaut matches with or without the trailing slash.
    @Get(uris = {"/api/environments/{id}/elements/stats", "/api/projects/{id}/elements/stats"})
    public CompletableFuture<HttpResponse<?>> stats(HttpRequest<?> request,
            @Authorized(value = Scopes.ELEMENT_READ, acceptsToolbarToken = true) Access access) {
        long started = System.nanoTime();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        if (!access.isChecked() || PropertiesParameter.mayHoldRegex(query.last(PropertiesParameter.NAME))) {
            // The key or the environment must be looked up in ClickHouse first, or a regex compiled: the whole request moves.
            return CompletableFuture.supplyAsync(() -> answer(request, parse(query, access.environmentId()), started), blocking);
        }
        Parsed parsed = parse(query, access.environmentId());
        Optional<StatsPage> page = stats.cached(parsed.stats().query(), parsed.stats().trim());
        if (page.isPresent()) {
            ServerTiming timing = new ServerTiming();
            timing.note("cache", "hit");
            return CompletableFuture.completedFuture(respond(request, parsed, page.get(), timing, started));
        }
        return CompletableFuture.supplyAsync(() -> answer(request, parsed, started), blocking);
    }

    private Parsed parse(QueryString query, long environmentId) {
        return new Parsed(query, StatsParameters.parse(query, environmentId, config.defaultInclude(), clock.instant()));
    }

    /** On the blocking executor: the page from the cache or from ClickHouse. */
    private HttpResponse<?> answer(HttpRequest<?> request, Parsed parsed, long started) {
        ServerTiming timing = new ServerTiming();
        StatsPage page = stats.page(parsed.stats().query(), parsed.stats().trim(), timing);
        return respond(request, parsed, page, timing, started);
    }

    private HttpResponse<?> respond(HttpRequest<?> request, Parsed parsed, StatsPage page, ServerTiming timing, long started) {
        List<byte[]> body = new ArrayList<>(page.segments().size() + 2);
        long length = page.length();
        if (parsed.stats().paginate()) {
            StatsQuery rows = parsed.stats().query();
            String next = links.next(request, parsed.query(), rows.offset(), rows.limit(), page.hasMore());
            String previous = links.previous(request, parsed.query(), rows.offset(), rows.limit());
            byte[] head = JsonResponses.utf8("{\"results\":");
            byte[] tail = JsonResponses.utf8(",\"next\":" + JsonResponses.stringOrNull(next)
                    + ",\"previous\":" + JsonResponses.stringOrNull(previous) + "}");
            body.add(head);
            body.addAll(page.segments());
            body.add(tail);
            length += head.length + tail.length;
        } else {
            body.addAll(page.segments());
        }
        timing.add("total", System.nanoTime() - started);
        return JsonResponses.ok(body, length, timing)
                .header("Cache-Control", CACHE_CONTROL)
                .header("Vary", VARY);
    }
}
