package io.clickmap.api.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Stats rows in a form tests can compare at a glance: "count hash type". */
final class StatsRows {
    private StatsRows() {
    }

    static List<String> of(JsonNode rows) {
        List<String> compact = new ArrayList<>();
        for (JsonNode row : rows) {
            compact.add(row.get("count").asLong() + " " + row.get("hash").asText() + " " + row.get("type").asText());
        }
        return compact;
    }
}
