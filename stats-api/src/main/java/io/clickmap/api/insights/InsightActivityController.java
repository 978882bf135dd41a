package io.clickmap.api.insights;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.insights.ActivityLog.Logged;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.PageLinks;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * The activity log of insights, PostHog-compatible: one insight's ({@code …/insights/:id/activity/}, also a
 * soft-deleted one's) and the whole environment's ({@code …/insights/activity/}), newest first, in numbered pages.
 * Checks in order: the path (404), the key and {@code activity_log:read} (401/403), the insight (404, also for one
 * of another environment), then the parameters (400). The log is derived from the stored versions on every read
 * ({@link ActivityLog}); responses are never cached.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightActivityController {
    static final String ALL = "/activity";
    private static final String ONE = "/{insightId}/activity";

    private final InsightStore store;
    private final UserDirectory users;
    private final PageLinks links;

    public InsightActivityController(InsightStore store, UserDirectory users, PageLinks links) {
        this.store = store;
        this.users = users;
        this.links = links;
    }

    @Get(uris = {InsightsController.ENVIRONMENT_INSIGHTS + ALL, InsightsController.PROJECT_INSIGHTS + ALL})
    public HttpResponse<?> environment(HttpRequest<?> request, @Authorized(Scopes.ACTIVITY_LOG_READ) Access access) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ActivityPaging paging = ActivityPaging.parse(query);
        ServerTiming timing = new ServerTiming();
        return respond(request, format, query, paging, environmentId, store.history(environmentId, timing), timing);
    }

    @Get(uris = {InsightsController.ENVIRONMENT_INSIGHTS + ONE, InsightsController.PROJECT_INSIGHTS + ONE})
    public HttpResponse<?> insight(HttpRequest<?> request, @Authorized(Scopes.ACTIVITY_LOG_READ) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ServerTiming timing = new ServerTiming();
        StoredInsight insight = InsightRef.find(store, environmentId, insightId, timing).orElseThrow(ApiException::notFound);
        ActivityPaging paging = ActivityPaging.parse(query);
        return respond(request, format, query, paging, environmentId, store.versions(environmentId, List.of(insight.id()), timing), timing);
    }

    private HttpResponse<?> respond(HttpRequest<?> request, ResponseFormat format, QueryString query, ActivityPaging paging, long environmentId,
                                    List<StoredInsight> versions, ServerTiming timing) {
        List<Logged> log = ActivityLog.of(versions);
        List<ActivityJson.Entry> results = log.stream().skip(paging.offset()).limit(paging.limit())
                .map(logged -> ActivityJson.entry(environmentId, logged, writer(logged.version().writtenBy())))
                .toList();
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(InsightCsv.activity(results), timing);
        }
        String next = paging.offset() + paging.limit() < log.size() ? links.page(request, query, paging.page() + 1) : null;
        String previous = paging.page() > 1 ? links.page(request, query, paging.page() - 1) : null;
        return ResponseFormat.json(HttpStatus.OK, new ActivityJson.Page(results, next, previous, log.size()), timing);
    }

    private ActivityJson.Writer writer(long userId) {
        return users.find(userId).map(ActivityJson.Writer::of).orElse(null);
    }
}
