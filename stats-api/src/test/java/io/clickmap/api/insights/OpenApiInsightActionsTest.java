package io.clickmap.api.insights;

import static io.clickmap.api.web.OpenApiDocument.integer;
import static io.clickmap.api.web.OpenApiDocument.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.assist.FollowUps;
import io.clickmap.api.assist.QueryTitle;
import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml's cancel, generate_metadata, analyze and suggestions: their answers are the records, their bounds the code's. */
class OpenApiInsightActionsTest {
    private static final String INSIGHTS = "/api/environments/{id}/insights/";

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiInsightActionsTest() throws IOException {
    }

    private Map<String, Object> answer(String path, String method, String status) {
        return openApi.map(openApi.operation(INSIGHTS + path, method), "responses", status, "content", "application/json", "schema");
    }

    @Test
    void theAnswersAreTheRecordsTheServiceWrites() {
        assertThat(openApi.map(answer("generate_metadata/", "post", "200"), "properties").keySet())
                .containsExactlyElementsOf(recordKeys(QueryTitle.Metadata.class));
        assertThat(openApi.map(answer("{insightId}/suggestions/", "get", "200"), "items", "properties").keySet())
                .containsExactlyElementsOf(recordKeys(FollowUps.Suggestion.class));
        assertThat(answer("{insightId}/suggestions/", "post", "200")).isEqualTo(answer("{insightId}/suggestions/", "get", "200"));
        assertThat(openApi.map(answer("{insightId}/analyze/", "get", "200"), "properties").keySet())
                .containsExactlyElementsOf(recordKeys(InsightAssistController.Analysis.class));
    }

    @Test
    void theBoundsAreTheCodes() {
        Map<String, Object> cancel = openApi.map(openApi.operation(INSIGHTS + "cancel/", "post"), "requestBody", "content", "application/json",
                "schema", "properties", "client_query_id");
        assertThat(integer(cancel, "maxLength")).isEqualTo(Refresh.MAX_CLIENT_QUERY_ID);
        assertThat(openApi.component("InsightMetadata").get("description").toString()).contains("at most " + InsightBody.MAX_TEXT + " characters");
        assertThat(integer(openApi.schema(INSIGHTS + "{insightId}/analyze/", "client_query_id"), "maxLength")).isEqualTo(Refresh.MAX_CLIENT_QUERY_ID);
    }
}
