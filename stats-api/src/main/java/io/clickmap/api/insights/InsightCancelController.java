package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsCancellation;
import io.clickmap.api.web.JsonBody;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * PostHog's {@code insights/cancel}: {@code {"client_query_id"}} stops the environment's trends computation that runs
 * under that id ({@link TrendsCancellation}) and answers 201 with no body once its statements are killed; an id that
 * names nothing running is no error. Checks in order: the path (404), the key and {@code insight:read} (401/403),
 * then the body (400 naming {@code client_query_id}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightCancelController {
    static final String CANCEL = "/cancel";
    private static final String RULE = "client_query_id must be the id of the computation to cancel: a string of 1 to "
            + Refresh.MAX_CLIENT_QUERY_ID + " characters.";

    private final TrendsCancellation cancellation;

    public InsightCancelController(TrendsCancellation cancellation) {
        this.cancellation = cancellation;
    }

    @Post(uris = {InsightsController.ENVIRONMENT_INSIGHTS + CANCEL, InsightsController.PROJECT_INSIGHTS + CANCEL})
    public HttpResponse<?> cancel(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ResponseFormat.of(request);
        String clientQueryId = clientQueryId(JsonBody.read(body));
        ServerTiming timing = new ServerTiming();
        timing.clickHouse(() -> cancellation.cancel(environmentId, clientQueryId));
        return HttpResponse.status(HttpStatus.CREATED).header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }

    /**
     * Any non-blank string up to the longest id a computation runs under: one that the computations' own rule
     * ({@link Refresh}) would refuse names nothing running, and reaches ClickHouse only as a literal.
     */
    private static String clientQueryId(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object: {\"client_query_id\": \"…\"}.");
        }
        JsonNode id = body.get("client_query_id");
        if (id == null || !id.isTextual() || id.textValue().isBlank() || id.textValue().length() > Refresh.MAX_CLIENT_QUERY_ID) {
            throw ApiException.invalid("client_query_id", RULE);
        }
        return JsonBody.unicode(id.textValue(), "client_query_id");
    }
}
