package io.clickmap.api.insights;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.insights.ActivityTimeline.Line;
import io.clickmap.api.insights.InsightActivitySource.Activity;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The activity log of insights, PostHog-compatible: one insight's ({@code …/insights/:id/activity/}, also a
 * soft-deleted one's) and the whole environment's ({@code …/insights/activity/}), newest first, in numbered pages.
 * Checks in order: the path (404), the key and {@code activity_log:read} (401/403), the insight (404, also for one
 * of another environment), then the parameters (400). The log is derived on every read from the stored versions
 * ({@link ActivityLog}) and the other features' activity ({@link InsightActivitySource}, e.g. sharing), merged by
 * {@link ActivityTimeline}; responses are never cached.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightActivityController {
    static final String ALL = "/activity";
    private static final String ONE = "/{insightId}/activity";

    private final InsightStore store;
    private final UserDirectory users;
    private final PageLinks links;
    private final List<InsightActivitySource> sources;

    public InsightActivityController(InsightStore store, UserDirectory users, PageLinks links, List<InsightActivitySource> sources) {
        this.store = store;
        this.users = users;
        this.links = links;
        this.sources = sources;
    }

    @Get(uris = {InsightsController.ENVIRONMENT_INSIGHTS + ALL, InsightsController.PROJECT_INSIGHTS + ALL})
    public HttpResponse<?> environment(HttpRequest<?> request, @Authorized(Scopes.ACTIVITY_LOG_READ) Access access) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ActivityPaging paging = ActivityPaging.parse(query);
        ServerTiming timing = new ServerTiming();
        List<Line> log = ActivityTimeline.of(store.history(environmentId, timing), activity(environmentId, OptionalLong.empty(), timing));
        return respond(request, format, query, paging, environmentId, log, timing);
    }

    @Get(uris = {InsightsController.ENVIRONMENT_INSIGHTS + ONE, InsightsController.PROJECT_INSIGHTS + ONE})
    public HttpResponse<?> insight(HttpRequest<?> request, @Authorized(Scopes.ACTIVITY_LOG_READ) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ServerTiming timing = new ServerTiming();
        StoredInsight insight = InsightRef.find(store, environmentId, insightId, timing).orElseThrow(ApiException::notFound);
        ActivityPaging paging = ActivityPaging.parse(query);
        List<Line> log = ActivityTimeline.of(store.versions(environmentId, List.of(insight.id()), timing),
                activity(environmentId, OptionalLong.of(insight.id()), timing));
        return respond(request, format, query, paging, environmentId, log, timing);
    }

    /** Each source's activity, by source name: one read per source. */
    private Map<String, List<Activity>> activity(long environmentId, OptionalLong insightId, ServerTiming timing) {
        Map<String, List<Activity>> bySource = new LinkedHashMap<>();
        for (InsightActivitySource source : sources) {
            bySource.put(source.name(), source.read(environmentId, insightId, timing));
        }
        return bySource;
    }

    private HttpResponse<?> respond(HttpRequest<?> request, ResponseFormat format, QueryString query, ActivityPaging paging, long environmentId,
                                    List<Line> log, ServerTiming timing) {
        List<ActivityJson.Entry> results = log.stream().skip(paging.offset()).limit(paging.limit())
                .map(line -> ActivityJson.entry(environmentId, line, writer(line.writtenBy())))
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
