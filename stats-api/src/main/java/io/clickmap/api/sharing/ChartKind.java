package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/** Whether a saved trends query is displayed as bars ({@code trendsFilter.display}); every other time series is drawn as lines. */
final class ChartKind {
    static final Set<String> BARS = Set.of("ActionsBar", "ActionsStackedBar", "ActionsUnstackedBar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartKind() {
    }

    static boolean isBar(String queryJson) {
        try {
            JsonNode query = JSON.readTree(queryJson);
            JsonNode source = query.has("source") ? query.get("source") : query;
            return BARS.contains(source.path("trendsFilter").path("display").asText(""));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
