package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
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

    private static List<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(OpenApiTrendsTest::key).toList();
    }

    private static String key(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null ? renamed.value() : component.getName();
    }

    @Test
    void theTrendItemAndQueryStatusSchemasAreTheRecordsInTheirOrder() {
        assertThat(new ArrayList<>(openApi.map(openApi.component("TrendsItem"), "properties").keySet())).containsExactlyElementsOf(keys(TrendsItem.class));
        assertThat(new ArrayList<>(openApi.map(openApi.component("QueryStatus"), "properties").keySet()))
                .containsExactlyElementsOf(keys(TrendsAnswer.QueryStatus.class));
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
