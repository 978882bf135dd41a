package io.clickmap.api.alerts;

import static io.clickmap.api.web.OpenApiDocument.integer;
import static io.clickmap.api.web.OpenApiDocument.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml's alert schemas are the records the service writes, key for key in order, and its names and bounds the code's. */
class OpenApiAlertsTest {
    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiAlertsTest() throws IOException {
    }

    private List<String> properties(String schema) {
        return new ArrayList<>(openApi.map(openApi.component(schema), "properties").keySet());
    }

    private List<Object> enumOf(String schema, String... path) {
        return openApi.list(openApi.map(openApi.component(schema), path), "enum");
    }

    @Test
    void theAlertSchemasAreTheRecordsInTheirOrder() {
        assertThat(properties("Alert")).containsExactlyElementsOf(recordKeys(AlertJson.Alert.class)).containsExactlyElementsOf(AlertsApiTest.FIELDS);
        assertThat(properties("Threshold")).containsExactlyElementsOf(recordKeys(AlertJson.ThresholdJson.class));
        assertThat(properties("ThresholdWithAlerts")).containsExactlyElementsOf(recordKeys(AlertJson.ThresholdWithAlerts.class));
        assertThat(properties("AlertCheck")).containsExactlyElementsOf(recordKeys(AlertJson.Check.class));
        assertThat(openApi.map(openApi.operation("/api/environments/{id}/alerts/", "get"), "responses", "200", "content", "application/json", "schema",
                "properties").keySet()).containsExactlyElementsOf(recordKeys(AlertJson.Page.class));
    }

    @Test
    void theNamesAndBoundsAreTheCodes() {
        assertThat(enumOf("Alert", "properties", "state")).containsExactlyElementsOf(Arrays.stream(AlertState.values()).map(state -> state.wireName).toList());
        assertThat(enumOf("AlertCheck", "properties", "state")).isEqualTo(enumOf("Alert", "properties", "state"));
        assertThat(enumOf("AlertFields", "properties", "calculation_interval"))
                .containsExactlyElementsOf(Arrays.stream(CalculationInterval.values()).map(interval -> interval.wireName).toList());
        assertThat(openApi.map(openApi.component("AlertFields"), "properties", "calculation_interval").get("default"))
                .isEqualTo(CalculationInterval.DEFAULT.wireName);
        assertThat(enumOf("AlertFields", "properties", "condition", "properties", "type"))
                .containsExactlyElementsOf(Arrays.stream(ConditionType.values()).map(type -> type.wireName).toList());
        assertThat(enumOf("ThresholdConfiguration", "properties", "type"))
                .containsExactlyElementsOf(Arrays.stream(ThresholdType.values()).map(type -> type.wireName).toList());
        assertThat(enumOf("AlertFields", "properties", "config", "properties", "type")).containsExactly(TrendsAlertConfig.TYPE);
        Map<String, Object> fields = openApi.map(openApi.component("AlertFields"), "properties");
        assertThat(integer(openApi.map(fields, "name"), "maxLength")).isEqualTo(AlertFields.MAX_NAME);
        assertThat(integer(openApi.map(fields, "threshold", "properties", "name"), "maxLength")).isEqualTo(AlertFields.MAX_NAME);
        assertThat(integer(openApi.map(openApi.component("Alert"), "properties", "checks"), "maxItems")).isEqualTo(AlertCheckStore.SHOWN);
    }
}
