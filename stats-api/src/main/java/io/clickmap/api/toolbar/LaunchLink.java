package io.clickmap.api.toolbar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A launch link: the page's URL with {@code #__posthog=<JSON>} in place of its fragment, which posthog-js on that page
 * reads (its project token must be {@code token}), keeps in localStorage, and hands to {@code window.ph_load_toolbar}.
 * posthog-js replaces {@code apiURL} with its own UI host before the toolbar sees it, so the stats API's base URL
 * travels a second time as {@code clickmapApiURL}, which the toolbar reads. The JSON is percent-encoded as
 * {@code encodeURIComponent} would (no {@code +} for spaces, no raw {@code &}), as posthog-js decodes it.
 */
public record LaunchLink(String url, Instant expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH_PARAMETER = "__posthog";
    static final String INTENT = "heatmaps";

    static LaunchLink of(PageUrl page, String projectToken, String temporaryToken, String statsApiUrl, long environmentId, Instant expiresAt) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("action", "ph_authorize");
        parameters.put("token", projectToken);
        parameters.put("temporaryToken", temporaryToken);
        parameters.put("apiURL", statsApiUrl);
        parameters.put("clickmapApiURL", statsApiUrl);
        parameters.put("environmentId", environmentId);
        parameters.put("expiresAt", expiresAt.toString());
        parameters.put("userIntent", INTENT);
        if (!page.fragment().isEmpty()) {
            parameters.put("desiredHash", "#" + page.fragment());
        }
        String json;
        try {
            json = JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("strings and numbers always serialise", e);
        }
        String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
        return new LaunchLink(page.withoutFragment() + "#" + HASH_PARAMETER + "=" + encoded, expiresAt);
    }
}
