package io.clickmap.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import java.util.Iterator;
import java.util.Set;

/**
 * A threshold's {@code configuration}, PostHog's InsightThreshold: {@code {"type": "absolute"|"percentage",
 * "bounds"?: {"lower"?, "upper"?}}}, each bound a number or null. Kept as sent (it holds nothing else); anything
 * else is a 400 naming {@code threshold}. Without bounds an alert never fires.
 */
record ThresholdConfiguration(ThresholdType type, boolean hasBounds, Double lower, Double upper, String json) {
    static final String ATTR = "threshold";
    private static final String INVALID = "Invalid threshold configuration: ";

    static ThresholdConfiguration parse(JsonNode configuration) {
        if (configuration == null || !configuration.isObject()) {
            throw invalid("configuration must be an object with a type (" + names() + ").");
        }
        onlyKeys(configuration, Set.of("type", "bounds"), "configuration");
        JsonNode type = configuration.get("type");
        ThresholdType parsed = type != null && type.isTextual() ? ThresholdType.named(type.textValue()).orElse(null) : null;
        if (parsed == null) {
            throw invalid("type must be one of " + names() + ".");
        }
        JsonNode bounds = configuration.get("bounds");
        if (bounds == null || bounds.isNull()) {
            return new ThresholdConfiguration(parsed, false, null, null, configuration.toString());
        }
        if (!bounds.isObject()) {
            throw invalid("bounds must be an object with lower and upper, or null.");
        }
        onlyKeys(bounds, Set.of("lower", "upper"), "bounds");
        Double lower = bound(bounds, "lower");
        Double upper = bound(bounds, "upper");
        if (lower != null && upper != null && lower > upper) {
            throw ApiException.invalid(ATTR, "Lower threshold must be less than upper threshold");
        }
        return new ThresholdConfiguration(parsed, true, lower, upper, configuration.toString());
    }

    private static Double bound(JsonNode bounds, String name) {
        JsonNode value = bounds.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw invalid("bounds." + name + " must be a number or null.");
        }
        return value.doubleValue();
    }

    // PostHog's schema forbids other keys: a misspelt "uper" must not leave an alert silently without its bound.
    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(where + " has no field \"" + name + "\".");
            }
        }
    }

    private static String names() {
        return ThresholdType.ABSOLUTE.wireName + ", " + ThresholdType.PERCENTAGE.wireName;
    }

    private static ApiException invalid(String why) {
        return ApiException.invalid(ATTR, INVALID + why);
    }
}
