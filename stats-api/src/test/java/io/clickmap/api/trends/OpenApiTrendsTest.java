package io.clickmap.api.trends;

import static io.clickmap.api.web.OpenApiDocument.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml's trend schemas and refresh parameters are the records and constants the service uses. */
class OpenApiTrendsTest {
    private static final String ONE = "/api/environments/{id}/insights/{insightId}/";

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiTrendsTest() throws IOException {
    }

    @Test
    void theTrendItemAndQueryStatusSchemasAreTheRecordsInTheirOrder() {
        assertThat(new ArrayList<>(openApi.map(openApi.component("TrendsItem"), "properties").keySet())).containsExactlyElementsOf(recordKeys(TrendsItem.class));
        assertThat(new ArrayList<>(openApi.map(openApi.component("QueryStatus"), "properties").keySet()))
                .containsExactlyElementsOf(recordKeys(TrendsAnswer.QueryStatus.class));
    }

    @Test
    void theRefreshModesAreTheCodes() {
        List<String> modes = new ArrayList<>(Arrays.stream(RefreshMode.values()).map(mode -> mode.wireName).toList());
        modes.addAll(List.of("true", "false"));
        assertThat(openApi.list(openApi.map(openApi.parameter(ONE, "refresh"), "schema"), "enum")).containsExactlyElementsOf(modes);
        assertThat(openApi.list(openApi.map(openApi.parameter("/api/environments/{id}/insights/", "refresh"), "schema"), "enum"))
                .containsExactlyElementsOf(modes);
    }
}
