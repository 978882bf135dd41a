package io.clickmap.api.toolbar;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST …/toolbar/launch} with {@code {"url": "<page>"}}: a link that opens the page with the toolbar reading
 * this environment's clicks, {@code {"url", "expires_at"}}. Needs a key with {@code element:read}, the scope the token
 * then reads with; the link's stats API address is this request's own (behind a proxy, its forwarded host, as page
 * links have it). Checks in order: path (404), key (401/403), body (400).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ToolbarController {
    private final ToolbarLauncher launcher;
    private final HttpHostResolver hosts;

    ToolbarController(ToolbarLauncher launcher, HttpHostResolver hosts) {
        this.launcher = launcher;
        this.hosts = hosts;
    }

    @Post(uris = {"/api/environments/{id}/toolbar/launch", "/api/projects/{id}/toolbar/launch"})
    Map<String, Object> launch(HttpRequest<?> request, @Authorized(Scopes.ELEMENT_READ) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        JsonNode json = JsonBody.read(body);
        JsonNode url = json.isObject() ? json.get("url") : null;
        if (url == null || !url.isTextual()) {
            throw ApiException.invalid("url", PageUrl.RULE);
        }
        LaunchLink link;
        try {
            link = launcher.launchForKey(environmentId, access.key().id(), url.textValue(), hosts.resolve(request));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("url", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", link.url());
        answer.put("expires_at", link.expiresAt().toString());
        return answer;
    }
}
