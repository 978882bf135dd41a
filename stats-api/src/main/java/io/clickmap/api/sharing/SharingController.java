package io.clickmap.api.sharing;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.insights.InsightSummary;
import io.clickmap.api.insights.InsightDirectory;
import io.clickmap.api.sharing.SharingState.SharePassword;
import io.clickmap.api.sharing.SharingTransitions.Outcome;
import io.clickmap.api.users.User;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An insight's sharing configuration, PostHog-compatible, on both path families: read it, change it, refresh its
 * token, add and remove passwords. Checks in order: the path (404), the key and {@code sharing_configuration:read}
 * or {@code :write} (401/403), the insight (404, also for one of another environment or a deleted one), then the
 * body (400). Every write is one stored version ({@link SharingStore}); responses are never cached.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharingController {
    static final String ENVIRONMENT_SHARING = "/api/environments/{id}/insights/{insightId}/sharing";
    static final String PROJECT_SHARING = "/api/projects/{id}/insights/{insightId}/sharing";
    private static final String PASSWORDS = "/passwords";
    private static final String NOT_PROTECTED = "Password protection must be enabled before creating passwords";
    private static final Logger LOG = LoggerFactory.getLogger(SharingController.class);

    private final SharingStore store;
    private final InsightDirectory insights;
    private final UserDirectory users;
    private final RowIds ids;
    private final Clock clock;
    private final SharingConfig config;

    public SharingController(SharingStore store, InsightDirectory insights, UserDirectory users, RowIds ids, Clock clock, SharingConfig config) {
        this.store = store;
        this.insights = insights;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        this.config = config;
    }

    @Get(uris = {ENVIRONMENT_SHARING, PROJECT_SHARING})
    public HttpResponse<?> read(@Authorized(Scopes.SHARING_CONFIGURATION_READ) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        InsightSummary insight = existing(environmentId, insightId, timing);
        return json(HttpStatus.OK, SharingJson.config(store.current(environmentId, insight.id(), timing), this::email), timing);
    }

    @Patch(uris = {ENVIRONMENT_SHARING, PROJECT_SHARING})
    public HttpResponse<?> update(@Authorized(Scopes.SHARING_CONFIGURATION_WRITE) Access access, @PathVariable String insightId,
                                  @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        InsightSummary insight = existing(environmentId, insightId, timing);
        SharingChange change = SharingChange.parse(body);
        Outcome outcome = SharingTransitions.patch(store.current(environmentId, insight.id(), timing), change, clock.instant(), AccessTokens::next);
        return saved(access, environmentId, insight, outcome, timing);
    }

    @Post(uris = {ENVIRONMENT_SHARING + "/refresh", PROJECT_SHARING + "/refresh"})
    public HttpResponse<?> refresh(@Authorized(Scopes.SHARING_CONFIGURATION_WRITE) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        InsightSummary insight = existing(environmentId, insightId, timing);
        SharingState current = store.current(environmentId, insight.id(), timing);
        return saved(access, environmentId, insight, SharingTransitions.refresh(current, clock.instant(), config.sharingTokenGrace(), AccessTokens::next), timing);
    }

    @Post(uris = {ENVIRONMENT_SHARING + PASSWORDS, PROJECT_SHARING + PASSWORDS})
    public HttpResponse<?> createPassword(@Authorized(Scopes.SHARING_CONFIGURATION_WRITE) Access access, @PathVariable String insightId,
                                          @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        InsightSummary insight = existing(environmentId, insightId, timing);
        SharingState current = store.current(environmentId, insight.id(), timing);
        if (!current.passwordRequired()) {
            // PostHog's own shape for this answer, not DRF's.
            return json(HttpStatus.BAD_REQUEST, Map.of("error", NOT_PROTECTED), timing);
        }
        SharePasswords.Request request = SharePasswords.parse(body);
        String raw = request.rawPassword() != null ? request.rawPassword() : SharePasswords.generate();
        long user = access.key().userId();
        Instant now = clock.instant();
        SharePassword password = new SharePassword(ids.next(), SharePasswords.hash(raw), request.note(), now, user);
        SharingState next = SharingTransitions.made(current, now, AccessTokens::next).withPassword(password);
        store.save(environmentId, insight.id(), next, user, SharingTransitions.PASSWORD_CREATED, timing);
        return json(HttpStatus.CREATED, SharingJson.created(password, raw, email(user)), timing);
    }

    @Delete(uris = {ENVIRONMENT_SHARING + PASSWORDS + "/{passwordId}", PROJECT_SHARING + PASSWORDS + "/{passwordId}"})
    public HttpResponse<?> deletePassword(@Authorized(Scopes.SHARING_CONFIGURATION_WRITE) Access access, @PathVariable String insightId,
                                          @PathVariable String passwordId) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        InsightSummary insight = existing(environmentId, insightId, timing);
        SharingState current = store.current(environmentId, insight.id(), timing);
        List<SharePassword> kept = current.passwords().stream().filter(password -> !String.valueOf(password.id()).equals(passwordId)).toList();
        if (kept.size() == current.passwords().size()) {
            throw ApiException.notFound();
        }
        store.save(environmentId, insight.id(), current.withPasswords(kept), access.key().userId(), SharingTransitions.PASSWORD_DELETED, timing);
        return HttpResponse.noContent().header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }

    private HttpResponse<?> saved(Access access, long environmentId, InsightSummary insight, Outcome outcome, ServerTiming timing) {
        store.save(environmentId, insight.id(), outcome.state(), access.key().userId(), outcome.activity(), timing);
        if (!outcome.activity().equals(SharingTransitions.UPDATED)) {
            LOG.info("{}: insight {} of environment {}, by user {}", outcome.activity(), insight.id(), environmentId, access.key().userId());
        }
        return json(HttpStatus.OK, SharingJson.config(outcome.state(), this::email), timing);
    }

    /** The insight of the path, unless it is deleted (PostHog's sharing sees only live insights). */
    private InsightSummary existing(long environmentId, String insightId, ServerTiming timing) {
        return insights.find(environmentId, insightId, timing).filter(insight -> !insight.deleted()).orElseThrow(ApiException::notFound);
    }

    private String email(long userId) {
        return users.find(userId).map(User::email).orElse("deleted user");
    }

    private static MutableHttpResponse<?> json(HttpStatus status, Object body, ServerTiming timing) {
        return HttpResponse.status(status).body(body).header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }
}
