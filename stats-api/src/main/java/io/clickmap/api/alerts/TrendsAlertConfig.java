package io.clickmap.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import java.util.Iterator;
import java.util.Set;

/**
 * An alert's {@code config}, PostHog's TrendsAlertConfig: {@code {"type": "TrendsAlertConfig", "series_index": n,
 * "check_ongoing_interval"?: bool}}. {@code series_index} picks the result item the alert watches (its series, or its
 * formula); {@code check_ongoing_interval} holds the interval still running against the threshold rather than the last
 * complete one. Kept as sent; anything else is a 400 naming {@code config}.
 */
record TrendsAlertConfig(int seriesIndex, boolean checkOngoingInterval, String json) {
    static final String ATTR = "config";
    static final String TYPE = "TrendsAlertConfig";
    static final TrendsAlertConfig DEFAULT = new TrendsAlertConfig(0, false, "{\"type\":\"" + TYPE + "\",\"series_index\":0}");
    private static final Set<String> FIELDS = Set.of("type", "series_index", "check_ongoing_interval");

    static TrendsAlertConfig parse(JsonNode config) {
        if (config == null || !config.isObject() || !TYPE.equals(config.path("type").asText(null))) {
            throw ApiException.invalid(ATTR, "Unsupported alert config type: " + config + " (Clickmap alerts on trends: {\"type\": \"" + TYPE
                    + "\", \"series_index\": 0}).");
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalidConfig(config, "it has no field \"" + name + "\"");
            }
        }
        JsonNode index = config.get("series_index");
        if (index == null || !index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() < 0) {
            throw invalidConfig(config, "series_index must be an integer from 0");
        }
        JsonNode ongoing = config.get("check_ongoing_interval");
        if (ongoing != null && !ongoing.isNull() && !ongoing.isBoolean()) {
            throw invalidConfig(config, "check_ongoing_interval must be a boolean");
        }
        return new TrendsAlertConfig(index.intValue(), ongoing != null && ongoing.asBoolean(), config.toString());
    }

    private static ApiException invalidConfig(JsonNode config, String why) {
        return ApiException.invalid(ATTR, "Alert has invalid TrendsAlertConfig: " + config + " (" + why + ").");
    }
}
