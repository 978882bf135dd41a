package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.auth.ToolbarTokens;
import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml's toolbar launch, its link's parameters and the temporary_token of the two reads are the code's. */
class OpenApiToolbarTest {
    private static final String LAUNCH = "/api/environments/{id}/toolbar/launch/";

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiToolbarTest() throws IOException {
    }

    @Test
    void theLaunchBodysUrlBoundIsThePageUrlRule() {
        Map<String, Object> url = openApi.map(openApi.operation(LAUNCH, "post"), "requestBody", "content", "application/json", "schema", "properties", "url");

        assertThat(OpenApiDocument.integer(url, "maxLength")).isEqualTo(PageUrl.MAX_LENGTH);
        assertThat(PageUrl.RULE).contains(PageUrl.MAX_LENGTH + " characters");
    }

    @Test
    void theLaunchSummaryNamesTheDefaultLifetime() {
        Duration lifetime = new ToolbarConfig(null).toolbarTokenLifetime();

        assertThat(lifetime).isEqualTo(Duration.ofHours(1));
        assertThat(openApi.operation(LAUNCH, "post").get("summary").toString()).contains("clickmap.toolbar-token-lifetime (1 hour by default)");
    }

    @Test
    void theDocumentedLinkParametersAreTheOnesALinkCarriesInTheirOrder() {
        LaunchLink link = LaunchLink.of(PageUrl.parse("https://shop.example.com/#faq"), "phc_shop", ToolbarSecrets.newToken(), "http://localhost:8000", 1,
                Instant.parse("2026-01-05T11:00:00Z"));
        String json = URLDecoder.decode(link.url().substring(link.url().indexOf('=') + 1), StandardCharsets.UTF_8);
        List<String> carried = new ArrayList<>();
        Api.json(json).fieldNames().forEachRemaining(carried::add);
        Map<String, Object> parameters = openApi.map(openApi.component("ToolbarParameters"), "properties");

        assertThat(parameters.keySet()).containsExactlyElementsOf(carried);
        JsonNode token = Api.json(json).get("temporaryToken");
        assertThat(token.asText()).matches(openApi.map(parameters, "temporaryToken").get("pattern").toString());
        assertThat(openApi.map(openApi.component("ToolbarLaunch"), "properties").keySet()).containsExactly("url", "expires_at");
    }

    @Test
    void theTwoReadsDocumentTheTokenParameterAndItsScheme() {
        for (String read : List.of("/api/environments/{id}/elements/stats/", "/api/environments/{id}/elements/values/")) {
            assertThat(openApi.parameter(read, ToolbarTokens.PARAMETER)).containsEntry("in", "query");
            assertThat(openApi.list(openApi.operation(read, "get"), "security")).as(read).contains(Map.of("toolbarToken", List.of()));
        }
    }
}
