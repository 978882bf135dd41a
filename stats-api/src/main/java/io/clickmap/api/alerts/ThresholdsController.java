package io.clickmap.api.alerts;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.insights.InsightLookup;
import io.clickmap.api.web.ListParameters;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An insight's thresholds, read-only, on both path families (scope {@code alert:read}): the thresholds of the alerts
 * that watch it, each with those alerts — none once its alert is deleted, as PostHog keeps a deleted alert's
 * threshold. Oldest first, paged like the alerts list. An insight that is not found (another environment's, a
 * deleted one) is a 404, as for the insight's other nested endpoints; so is a threshold of another insight.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ThresholdsController {
    private static final String ENVIRONMENT = "/api/environments/{id}/insights/{insightId}/thresholds";
    private static final String PROJECT = "/api/projects/{id}/insights/{insightId}/thresholds";
    private static final String ONE = "/{thresholdId}";

    private final InsightLookup insights;
    private final AlertStore store;
    private final AlertResponses responses;
    private final PageLinks links;

    ThresholdsController(InsightLookup insights, AlertStore store, AlertResponses responses, PageLinks links) {
        this.insights = insights;
        this.store = store;
        this.responses = responses;
        this.links = links;
    }

    @Get(uris = {ENVIRONMENT, PROJECT})
    public HttpResponse<?> list(HttpRequest<?> request, @Authorized(Scopes.ALERT_READ) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ListParameters page = ListParameters.parse(query);
        ServerTiming timing = new ServerTiming();
        List<AlertJson.ThresholdWithAlerts> thresholds = thresholds(environmentId, insightId, timing);
        int from = (int) Math.min(thresholds.size(), page.offset());
        List<AlertJson.ThresholdWithAlerts> shown = thresholds.subList(from, (int) Math.min(thresholds.size(), (long) from + page.limit()));
        String next = links.next(request, query, page.offset(), page.limit(), page.offset() + page.limit() < thresholds.size());
        String previous = links.previous(request, query, page.offset(), page.limit());
        return AlertsController.json(HttpStatus.OK, new AlertJson.Page(thresholds.size(), next, previous, shown), timing);
    }

    @Get(uris = {ENVIRONMENT + ONE, PROJECT + ONE})
    public HttpResponse<?> retrieve(@Authorized(Scopes.ALERT_READ) Access access, @PathVariable String insightId, @PathVariable String thresholdId) {
        long environmentId = access.environmentId();
        ServerTiming timing = new ServerTiming();
        AlertJson.ThresholdWithAlerts threshold = thresholds(environmentId, insightId, timing).stream()
                .filter(candidate -> candidate.id().equalsIgnoreCase(thresholdId)).findFirst().orElseThrow(ApiException::notFound);
        return AlertsController.json(HttpStatus.OK, threshold, timing);
    }

    private List<AlertJson.ThresholdWithAlerts> thresholds(long environmentId, String insightRef, ServerTiming timing) {
        long insightId = insights.byReference(environmentId, insightRef, timing).orElseThrow(ApiException::notFound).id();
        List<StoredAlert> alerts = store.withThresholdOn(environmentId, insightId, timing);
        List<StoredAlert> live = alerts.stream().filter(alert -> !alert.deleted()).toList();
        Map<String, AlertJson.Alert> shown = responses.all(environmentId, live, timing).stream()
                .collect(Collectors.toMap(AlertJson.Alert::id, alert -> alert));
        List<AlertJson.ThresholdWithAlerts> thresholds = new ArrayList<>();
        for (StoredAlert alert : alerts.stream().sorted(Comparator.comparing((StoredAlert alert) -> alert.fields().threshold().createdAt())
                .thenComparing(alert -> alert.fields().threshold().id())).toList()) {
            Threshold threshold = alert.fields().threshold();
            AlertJson.Alert json = shown.get(alert.id());
            thresholds.add(new AlertJson.ThresholdWithAlerts(threshold.id(), threshold.createdAt().toString(), threshold.name(),
                    threshold.configuration().json(), json == null ? List.of() : List.of(json)));
        }
        return thresholds;
    }
}
