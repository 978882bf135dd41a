package io.clickmap.api.insights;

import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.users.UserBasic;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Insight views, PostHog-compatible, all with {@code insight:read}: {@code POST …/insights/viewed/} records that the
 * key's user viewed insights (201, empty body; ids of no live insight of the environment are dropped silently),
 * {@code GET …/insights/my_last_viewed/} lists that user's last {@link #LAST_VIEWED_COUNT}, and
 * {@code GET …/insights/trending/} ranks the insights by how many users viewed them lately. Checks in order: the
 * path (404), the key and scope (401/403), then the parameters or body (400). Retrieving an insight is no view.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightViewsController {
    static final String VIEWED = "/viewed";
    static final String LAST_VIEWED = "/my_last_viewed";
    static final String TRENDING = "/trending";
    static final int LAST_VIEWED_COUNT = 5;
    private static final String ENVIRONMENT = InsightsController.ENVIRONMENT_INSIGHTS;
    private static final String PROJECT = InsightsController.PROJECT_INSIGHTS;

    private final InsightStore store;
    private final CurrentInsights current;
    private final InsightViews views;
    private final UserDirectory users;
    private final Clock clock;

    public InsightViewsController(InsightStore store, CurrentInsights current, InsightViews views, UserDirectory users, Clock clock) {
        this.store = store;
        this.current = current;
        this.views = views;
        this.users = users;
        this.clock = clock;
    }

    @Post(uris = {ENVIRONMENT + VIEWED, PROJECT + VIEWED})
    public HttpResponse<?> viewed(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ResponseFormat.of(request);
        List<Long> ids = ViewedBody.parse(body);
        ServerTiming timing = new ServerTiming();
        List<Long> live = store.current(environmentId, ids, timing).stream().filter(insight -> !insight.fields().deleted())
                .map(StoredInsight::id).toList();
        // Strictly later than any earlier view from this process, so viewing again always moves the time.
        views.record(environmentId, access.key().userId(), live, Micros.instant(Versions.next()), timing);
        return HttpResponse.status(HttpStatus.CREATED).header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }

    @Get(uris = {ENVIRONMENT + LAST_VIEWED, PROJECT + LAST_VIEWED})
    public HttpResponse<?> myLastViewed(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access) {
        long environmentId = access.environmentId();
        ResponseFormat format = ResponseFormat.of(request);
        long user = access.key().userId();
        ServerTiming timing = new ServerTiming();
        List<ViewHistory.Seen> seen = history(environmentId, views.byUser(environmentId, user, timing), timing).lastViewedBy(user, LAST_VIEWED_COUNT);
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(ViewsCsv.lastViewed(seen), timing);
        }
        List<InsightJson.Basic> results = seen.stream().map(one -> InsightJson.basic(one.insight(), user(one.insight().createdBy()), one.at()))
                .toList();
        return ResponseFormat.json(HttpStatus.OK, results, timing);
    }

    @Get(uris = {ENVIRONMENT + TRENDING, PROJECT + TRENDING})
    public HttpResponse<?> trending(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        TrendingParameters parameters = TrendingParameters.parse(query);
        ServerTiming timing = new ServerTiming();
        Instant since = clock.instant().minus(Duration.ofDays(parameters.days()));
        List<ViewHistory.Ranked> ranked = history(environmentId, views.since(environmentId, since, timing), timing).trending(since, parameters.limit());
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(ViewsCsv.trending(ranked, this::user), timing);
        }
        List<Object> results = ranked.stream().<Object>map(one -> new TrendingJson(InsightJson.basic(one.insight(), user(one.insight().createdBy()),
                one.lastViewedAt()), one.viewCount(), one.recentViewers().stream().map(this::user).filter(Objects::nonNull).toList(),
                user(one.insight().lastModifiedBy()))).toList();
        // PostHog's paginated envelope around one page: limit already bounds it
        return ResponseFormat.json(HttpStatus.OK, new InsightJson.Page(results.size(), null, null, results), timing);
    }

    private ViewHistory history(long environmentId, List<InsightViews.View> stored, ServerTiming timing) {
        return ViewHistory.of(current.live(environmentId, timing).insights().stream().map(InsightSearch.Indexed::insight).toList(), stored);
    }

    private UserBasic user(long id) {
        return users.find(id).map(UserBasic::of).orElse(null);
    }
}
