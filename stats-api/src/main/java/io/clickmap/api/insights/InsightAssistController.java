package io.clickmap.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.assist.FollowUps;
import io.clickmap.api.assist.QueryTitle;
import io.clickmap.api.assist.TrendSummary;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsAnswer;
import io.clickmap.api.trends.TrendsResults;
import io.clickmap.api.web.JsonBody;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * PostHog's insight actions that it answers with a language model, answered by fixed rules ({@code api.assist}):
 * {@code analyze} (the insight's computed trend in words, {@code ""} without one), {@code suggestions} (follow-up
 * queries Clickmap computes, GET or POST) and {@code generate_metadata} (a name and description for a query). Checks
 * in order: the path (404), the key and its scope — {@code insight:read}, {@code insight:write} for
 * {@code generate_metadata} (401/403) — the insight (404, also another environment's or a deleted one), then the
 * parameters and body (400).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightAssistController {
    static final String ANALYZE = "/{insightId}/analyze";
    static final String SUGGESTIONS = "/{insightId}/suggestions";
    static final String GENERATE_METADATA = "/generate_metadata";
    static final String MISSING_QUERY = "Missing 'query' field in request body";
    private static final String ENVIRONMENT = InsightsController.ENVIRONMENT_INSIGHTS;
    private static final String PROJECT = InsightsController.PROJECT_INSIGHTS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InsightStore store;
    private final TrendsResults trends;

    public InsightAssistController(InsightStore store, TrendsResults trends) {
        this.store = store;
        this.trends = trends;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Analysis(String result) {
    }

    /** The trend as the insight shows it (its cached result unless {@code refresh} asks for more), in words. */
    @Get(uris = {ENVIRONMENT + ANALYZE, PROJECT + ANALYZE})
    public HttpResponse<?> analyze(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ServerTiming timing = new ServerTiming();
        StoredInsight insight = existing(environmentId, insightId, timing);
        Refresh refresh = Refresh.of(query);
        SavedQuery saved = insight.fields().query();
        TrendsAnswer answer = saved == null ? null : trends.answer(environmentId, saved.json(), refresh.mode(), refresh.clientQueryId(), timing);
        Analysis analysis = new Analysis(answer == null || answer.resultJson() == null ? "" : TrendSummary.of(answer.items()));
        return format == ResponseFormat.CSV ? ResponseFormat.csv(AssistCsv.analysis(analysis), timing)
                : ResponseFormat.json(HttpStatus.OK, analysis, timing);
    }

    @Get(uris = {ENVIRONMENT + SUGGESTIONS, PROJECT + SUGGESTIONS})
    public HttpResponse<?> suggestions(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access, @PathVariable String insightId) {
        long environmentId = access.environmentId();
        ResponseFormat format = ResponseFormat.of(request);
        ServerTiming timing = new ServerTiming();
        SavedQuery saved = existing(environmentId, insightId, timing).fields().query();
        List<FollowUps.Suggestion> suggestions = FollowUps.of(saved == null ? null : read(saved.json()));
        return format == ResponseFormat.CSV ? ResponseFormat.csv(AssistCsv.suggestions(suggestions), timing)
                : ResponseFormat.json(HttpStatus.OK, suggestions, timing);
    }

    /** PostHog's POST of the same action takes an insight body it does not need; the suggestions are the GET's. */
    @Post(uris = {ENVIRONMENT + SUGGESTIONS, PROJECT + SUGGESTIONS})
    public HttpResponse<?> suggestionsByPost(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_READ) Access access, @PathVariable String insightId) {
        return suggestions(request, access, insightId);
    }

    @Post(uris = {ENVIRONMENT + GENERATE_METADATA, PROJECT + GENERATE_METADATA})
    public HttpResponse<?> generateMetadata(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_WRITE) Access access, @Nullable @Body byte[] body) {
        access.environmentId();
        ResponseFormat format = ResponseFormat.of(request);
        QueryTitle.Metadata metadata = QueryTitle.of(query(JsonBody.read(body)), InsightBody.MAX_TEXT);
        ServerTiming timing = new ServerTiming();
        return format == ResponseFormat.CSV ? ResponseFormat.csv(AssistCsv.metadata(metadata), timing)
                : ResponseFormat.json(HttpStatus.OK, metadata, timing);
    }

    /** The body's query: PostHog's message when there is none; otherwise what an insight's query must be. */
    private static JsonNode query(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object: {\"query\": {…}}.");
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull() || query.isObject() && query.isEmpty()) {
            throw ApiException.invalid("query", MISSING_QUERY);
        }
        if (!query.isObject() || !query.path("kind").isTextual()) {
            throw ApiException.invalid("query", "query must be a JSON object with a string kind (such as InsightVizNode).");
        }
        return query;
    }

    private StoredInsight existing(long environmentId, String insightId, ServerTiming timing) {
        return InsightRef.find(store, environmentId, insightId, timing).filter(insight -> !insight.fields().deleted())
                .orElseThrow(ApiException::notFound);
    }

    private static JsonNode read(String savedQuery) {
        try {
            return JSON.readTree(savedQuery);
        } catch (JsonProcessingException e) {
            // Stored queries were checked to be JSON objects on the way in.
            throw new IllegalStateException("a stored query is not JSON", e);
        }
    }
}
