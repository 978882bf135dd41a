package io.clickmap.api.insights;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsAnswer;
import io.clickmap.api.trends.TrendsResults;
import io.clickmap.api.users.UserBasic;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.PageLinks;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Saved insights, PostHog-compatible, on both path families: list, create, retrieve, update (PATCH, PUT), and DELETE
 * answered 405 (an insight is deleted by {@code PATCH {"deleted": true}}). Checks in order: the path (404), the key
 * and its scope — {@code insight:read} to read, {@code insight:write} to change (401/403) — the insight (404, also for
 * one of another environment or a deleted one), then the body (400). Responses are never cached. List and retrieve
 * also take a {@code sharing_access_token} instead of a key ({@link SharedInsightReads}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightsController {
    // Micronaut matches with or without the trailing slash; literal routes (…/activity, …/bulk_update_tags) win over ONE.
    static final String ENVIRONMENT_INSIGHTS = "/api/environments/{id}/insights";
    static final String PROJECT_INSIGHTS = "/api/projects/{id}/insights";
    private static final String ONE = "/{insightId}";

    private final InsightStore store;
    private final InsightWrites writes;
    private final InsightListing listing;
    private final UserDirectory users;
    private final PageLinks links;
    private final TrendsResults trends;
    private final Clock clock;
    private final SharedInsightReads shared;
    private final InsightAlerts alerts;
    private final ExecutorService blocking;

    public InsightsController(InsightStore store, InsightWrites writes, InsightListing listing, UserDirectory users, PageLinks links,
                              TrendsResults trends, Clock clock, SharedInsightReads shared, InsightAlerts alerts,
                              @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.writes = writes;
        this.listing = listing;
        this.users = users;
        this.links = links;
        this.trends = trends;
        this.clock = clock;
        this.shared = shared;
        this.alerts = alerts;
        this.blocking = blocking;
    }

    @Get(uris = {ENVIRONMENT_INSIGHTS, PROJECT_INSIGHTS})
    public HttpResponse<?> list(HttpRequest<?> request, @Authorized(value = Scopes.INSIGHT_READ, acceptsSharingToken = true) Access access) {
        if (access.sharedInsight().isPresent()) {
            return shared.list(request, access.sharedInsight().get());
        }
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        InsightListQuery list = InsightListQuery.parse(query, access.key().userId(), clock.instant());
        ServerTiming timing = new ServerTiming();
        InsightListing.Page page = listing.page(environmentId, list, timing);
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(InsightCsv.list(page.rows()), timing);
        }
        Refresh refresh = Refresh.of(query);
        Map<Long, List<Object>> alertsOn = list.basic() ? Map.of() : alerts(environmentId, page.rows(), timing);
        List<Object> results = new ArrayList<>(page.rows().size());
        for (StoredInsight insight : page.rows()) {
            Instant lastViewedAt = page.lastViewedAt().get(insight.id());
            Object row = list.basic() ? InsightJson.basic(insight, user(insight.createdBy()), lastViewedAt)
                    : InsightJson.full(insight, user(insight.createdBy()), user(insight.lastModifiedBy()),
                            answer(environmentId, insight, refresh.forRow(insight.id()), timing), lastViewedAt,
                            alertsOn.getOrDefault(insight.id(), List.of()));
            results.add(page.matchTypes() == null ? row : new InsightJson.Searched(row, page.matchTypes().get(insight.id())));
        }
        long offset = list.page().offset();
        int limit = list.page().limit();
        String next = links.next(request, query, offset, limit, offset + limit < page.count());
        String previous = links.previous(request, query, offset, limit);
        return ResponseFormat.json(HttpStatus.OK, new InsightJson.Page(page.count(), next, previous, results), timing);
    }

    @Post(uris = {ENVIRONMENT_INSIGHTS, PROJECT_INSIGHTS})
    public HttpResponse<?> create(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_WRITE) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ResponseFormat.of(request);
        InsightChange change = InsightBody.parse(body);
        ServerTiming timing = new ServerTiming();
        StoredInsight created = writes.create(environmentId, change, access.key().userId(), timing);
        // A new insight has no alerts yet.
        return ResponseFormat.json(HttpStatus.CREATED, full(created, answer(environmentId, created, Refresh.CACHED, timing), List.of()), timing);
    }

    @Get(uris = {ENVIRONMENT_INSIGHTS + ONE, PROJECT_INSIGHTS + ONE})
    public HttpResponse<?> retrieve(HttpRequest<?> request, @Authorized(value = Scopes.INSIGHT_READ, acceptsSharingToken = true) Access access,
                                    @PathVariable String insightId) {
        if (access.sharedInsight().isPresent()) {
            return shared.retrieve(request, access.sharedInsight().get(), insightId);
        }
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ServerTiming timing = new ServerTiming();
        StoredInsight insight = existing(environmentId, insightId, timing);
        if (format == ResponseFormat.CSV) {
            TrendsAnswer answer = answer(environmentId, insight, Refresh.of(query), timing);
            return ResponseFormat.csv(InsightCsv.result(answer == null ? List.of() : answer.items()), timing);
        }
        // The alerts do not depend on the trend: they are read while it is computed, off the request's critical path.
        ServerTiming alertsTiming = new ServerTiming();
        CompletableFuture<List<Object>> alertsOn = CompletableFuture.supplyAsync(
                () -> alerts(environmentId, List.of(insight), alertsTiming).getOrDefault(insight.id(), List.of()), blocking);
        TrendsAnswer answer = answer(environmentId, insight, Refresh.of(query), timing);
        List<Object> alertsRead = joined(alertsOn);
        timing.addClickHouse(alertsTiming);
        return ResponseFormat.json(HttpStatus.OK, full(insight, answer, alertsRead), timing);
    }

    /** A read that ran beside the request's own, its failure as it was thrown. */
    private static <T> T joined(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    @Patch(uris = {ENVIRONMENT_INSIGHTS + ONE, PROJECT_INSIGHTS + ONE})
    public HttpResponse<?> update(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_WRITE) Access access, @PathVariable String insightId,
                                  @Nullable @Body byte[] body) {
        return write(request, access, insightId, body);
    }

    /** DRF's full update: no insight field is required, so a PUT changes what it sends, as PATCH does. */
    @Put(uris = {ENVIRONMENT_INSIGHTS + ONE, PROJECT_INSIGHTS + ONE})
    public HttpResponse<?> replace(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_WRITE) Access access, @PathVariable String insightId,
                                   @Nullable @Body byte[] body) {
        return write(request, access, insightId, body);
    }

    @Delete(uris = {ENVIRONMENT_INSIGHTS + ONE, PROJECT_INSIGHTS + ONE})
    public HttpResponse<?> delete(@Authorized(Scopes.INSIGHT_WRITE) Access access, @PathVariable String insightId) {
        access.environmentId();
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Cache-Control", "no-store");
    }

    private HttpResponse<?> write(HttpRequest<?> request, Access access, String insightId, byte[] body) {
        long environmentId = access.environmentId();
        ResponseFormat.of(request);
        ServerTiming timing = new ServerTiming();
        StoredInsight current = InsightRef.find(store, environmentId, insightId, timing).orElseThrow(ApiException::notFound);
        InsightChange change = InsightBody.parse(body);
        // A deleted insight is reached only by the request that restores it, so only its body can tell 404 from 200.
        if (current.fields().deleted() && !change.restores()) {
            throw ApiException.notFound();
        }
        StoredInsight updated = writes.update(environmentId, current, change.applyTo(current.fields()), access.key().userId(), timing);
        return ResponseFormat.json(HttpStatus.OK, full(environmentId, updated, Refresh.CACHED, timing), timing);
    }

    private StoredInsight existing(long environmentId, String insightId, ServerTiming timing) {
        return InsightRef.find(store, environmentId, insightId, timing).filter(insight -> !insight.fields().deleted())
                .orElseThrow(ApiException::notFound);
    }

    private InsightJson.Full full(long environmentId, StoredInsight insight, Refresh refresh, ServerTiming timing) {
        return full(insight, answer(environmentId, insight, refresh, timing), alerts(environmentId, List.of(insight), timing)
                .getOrDefault(insight.id(), List.of()));
    }

    private InsightJson.Full full(StoredInsight insight, TrendsAnswer answer, List<Object> alertsOn) {
        return InsightJson.full(insight, user(insight.createdBy()), user(insight.lastModifiedBy()), answer, null, alertsOn);
    }

    /** The alerts on these insights, by insight id, read for them all at once, as PostHog lists them on the full form only. */
    private Map<Long, List<Object>> alerts(long environmentId, List<StoredInsight> insights, ServerTiming timing) {
        Map<Long, Object> shown = new LinkedHashMap<>();
        insights.forEach(insight -> shown.put(insight.id(), InsightJson.basic(insight, user(insight.createdBy()))));
        return alerts.on(environmentId, shown, timing);
    }

    /** The insight's trend as the request asks for it; null for an insight without a query. */
    private TrendsAnswer answer(long environmentId, StoredInsight insight, Refresh refresh, ServerTiming timing) {
        SavedQuery query = insight.fields().query();
        return query == null ? null : trends.answer(environmentId, query.json(), refresh.mode(), refresh.clientQueryId(), timing);
    }

    private UserBasic user(long id) {
        return users.find(id).map(UserBasic::of).orElse(null);
    }
}
