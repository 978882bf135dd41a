package io.clickmap.api.alerts;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.IntegerParameter;
import io.clickmap.api.web.ListParameters;
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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PostHog's alerts API on both path families: list (paged, newest first, {@code insight} or {@code insight_id}
 * filters), create (201), retrieve, update (PATCH, PUT) and delete (204). Checks in order: the path (404), the key
 * and its scope — {@code alert:read} to read, {@code alert:write} to change (401/403) — the alert (404, also for
 * another environment's), then the body (400). Responses are never cached.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertsController {
    private static final String ENVIRONMENT_ALERTS = "/api/environments/{id}/alerts";
    private static final String PROJECT_ALERTS = "/api/projects/{id}/alerts";
    private static final String ONE = "/{alertId}";
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AlertStore store;
    private final AlertWrites writes;
    private final AlertRules rules;
    private final AlertResponses responses;
    private final PageLinks links;
    private final Clock clock;

    AlertsController(AlertStore store, AlertWrites writes, AlertRules rules, AlertResponses responses, PageLinks links, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.writes = writes;
        this.rules = rules;
        this.responses = responses;
        this.links = links;
    }

    @Get(uris = {ENVIRONMENT_ALERTS, PROJECT_ALERTS})
    public HttpResponse<?> list(HttpRequest<?> request, @Authorized(Scopes.ALERT_READ) Access access) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ListParameters page = ListParameters.parse(query);
        Long insight = insightFilter(query);
        ServerTiming timing = new ServerTiming();
        List<StoredAlert> alerts = store.live(environmentId, timing).stream()
                .filter(alert -> insight == null || alert.fields().insightId() == insight).toList();
        int from = (int) Math.min(alerts.size(), page.offset());
        List<StoredAlert> shown = alerts.subList(from, (int) Math.min(alerts.size(), (long) from + page.limit()));
        String next = links.next(request, query, page.offset(), page.limit(), page.offset() + page.limit() < alerts.size());
        String previous = links.previous(request, query, page.offset(), page.limit());
        return json(HttpStatus.OK, new AlertJson.Page(alerts.size(), next, previous, responses.all(environmentId, shown, timing)), timing);
    }

    @Post(uris = {ENVIRONMENT_ALERTS, PROJECT_ALERTS})
    public HttpResponse<?> create(@Authorized(Scopes.ALERT_WRITE) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        AlertChange change = AlertBody.parse(body, true);
        ServerTiming timing = new ServerTiming();
        AlertFields fields = change.create(now());
        rules.check(environmentId, fields, timing);
        StoredAlert created = writes.create(environmentId, fields, access.key().userId(), timing);
        return json(HttpStatus.CREATED, responses.one(environmentId, created, timing), timing);
    }

    @Get(uris = {ENVIRONMENT_ALERTS + ONE, PROJECT_ALERTS + ONE})
    public HttpResponse<?> retrieve(@Authorized(Scopes.ALERT_READ) Access access, @PathVariable String alertId) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        return json(HttpStatus.OK, responses.one(environmentId, existing(environmentId, alertId, timing), timing), timing);
    }

    @Patch(uris = {ENVIRONMENT_ALERTS + ONE, PROJECT_ALERTS + ONE})
    public HttpResponse<?> update(@Authorized(Scopes.ALERT_WRITE) Access access, @PathVariable String alertId, @Nullable @Body byte[] body) {
        return write(access, alertId, body, false);
    }

    /** DRF's full update: the fields a create needs are needed again; the others keep their values when not sent. */
    @Put(uris = {ENVIRONMENT_ALERTS + ONE, PROJECT_ALERTS + ONE})
    public HttpResponse<?> replace(@Authorized(Scopes.ALERT_WRITE) Access access, @PathVariable String alertId, @Nullable @Body byte[] body) {
        return write(access, alertId, body, true);
    }

    @Delete(uris = {ENVIRONMENT_ALERTS + ONE, PROJECT_ALERTS + ONE})
    public HttpResponse<?> delete(@Authorized(Scopes.ALERT_WRITE) Access access, @PathVariable String alertId) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        writes.delete(environmentId, existing(environmentId, alertId, timing), access.key().userId(), timing);
        return HttpResponse.status(HttpStatus.NO_CONTENT).header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }

    private HttpResponse<?> write(Access access, String alertId, byte[] body, boolean full) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        StoredAlert current = existing(environmentId, alertId, timing);
        AlertChange change = AlertBody.parse(body, full);
        AlertFields after = change.applyTo(current.fields(), now());
        rules.check(environmentId, after, timing);
        StoredAlert updated = writes.update(environmentId, current, after, access.key().userId(), timing);
        return json(HttpStatus.OK, responses.one(environmentId, updated, timing), timing);
    }

    /** The alert of the path: a uuid of an alert of this environment that is not deleted; anything else is not found. */
    private StoredAlert existing(long environmentId, String alertId, ServerTiming timing) {
        if (!UUID_FORM.matcher(alertId).matches()) {
            throw ApiException.notFound();
        }
        return store.find(environmentId, alertId.toLowerCase(Locale.ROOT), timing).filter(alert -> !alert.deleted())
                .orElseThrow(ApiException::notFound);
    }

    /** A new threshold's time, as precise as the tables keep it, so that it reads back as it was answered. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code insight} or {@code insight_id} (PostHog reads both): an insight's numeric id. */
    private static Long insightFilter(QueryString query) {
        for (String name : List.of("insight", "insight_id")) {
            String value = query.last(name);
            if (value != null) {
                return IntegerParameter.parse(value, name, 0, Long.MAX_VALUE, name + " must be an insight's numeric id.");
            }
        }
        return null;
    }

    static HttpResponse<?> json(HttpStatus status, Object body, ServerTiming timing) {
        return HttpResponse.status(status).body(body).header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }
}
