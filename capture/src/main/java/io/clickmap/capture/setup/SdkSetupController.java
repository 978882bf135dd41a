package io.clickmap.capture.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.capture.body.RequestBody;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.capture.tokens.ProjectTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The calls posthog-js makes before it captures anything, answered so that it autocaptures clicks and dead
 * clicks: the remote config as a script ({@code /array/{token}/config.js}, which leaves it in
 * {@code window._POSTHOG_REMOTE_CONFIG}) and as JSON ({@code /array/{token}/config}, the SDK's fallback),
 * and feature flags ({@code /flags}, and {@code /decide} of older SDKs), of which a project here has none.
 * An unknown token is a 401, as for events.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SdkSetupController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JAVASCRIPT = MediaType.of("application/javascript");

    private final ProjectTokens tokens;

    SdkSetupController(ProjectTokens tokens) {
        this.tokens = tokens;
    }

    @Get("/array/{token}/config")
    Map<String, Object> config(@PathVariable String token) {
        tokens.require(token);
        return RemoteConfig.of(token);
    }

    @Get("/array/{token}/config.js")
    HttpResponse<String> configScript(@PathVariable String token) {
        tokens.require(token);
        String script = "(function(){var c=window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};c[" + json(token) + "]={config:"
                + json(RemoteConfig.of(token)) + ",siteApps:[]};})();\n";
        return HttpResponse.ok(script).contentType(JAVASCRIPT);
    }

    @Post(uris = {"/flags", "/decide"})
    @Consumes(MediaType.ALL)
    Map<String, Object> flags(HttpRequest<?> request, @Nullable @Body byte[] body, @Nullable @QueryValue String compression) {
        JsonNode asked;
        try {
            asked = JSON.readTree(RequestBody.decode(body, request.getContentType().map(MediaType::toString).orElse(null), compression));
        } catch (IOException e) {
            throw Rejection.undecodable("The body is not valid JSON.");
        }
        JsonNode token = asked.has("token") ? asked.get("token") : asked.get("api_key");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw Rejection.noToken();
        }
        tokens.require(token.asText());
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("featureFlags", Map.of());
        flags.put("featureFlagPayloads", Map.of());
        flags.put("flags", Map.of());
        flags.put("errorsWhileComputingFlags", false);
        flags.put("quotaLimited", List.of());
        flags.put("requestId", UUID.randomUUID().toString());
        return flags;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
