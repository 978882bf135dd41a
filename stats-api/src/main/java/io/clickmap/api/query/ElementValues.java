package io.clickmap.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code value} of an element filter as text, in the shape its operator takes: nothing, one scalar, or a scalar
 * or list of them (any of). Selectors and tags must be strings, as PostHog requires; text and href also take
 * numbers and booleans, as written in JSON. Anything else is a 400 saying what the filter needs.
 */
final class ElementValues {
    private ElementValues() {
    }

    static List<String> read(JsonNode value, ElementKey key, PropertyOperator operator) {
        switch (operator.shape) {
            case NONE -> {
                return List.of();
            }
            case ONE -> {
                if (!fits(value, key)) {
                    throw wrong(key, operator);
                }
                return List.of(value.asText());
            }
            default -> {
                if (value == null || !value.isArray()) {
                    if (!fits(value, key)) {
                        throw wrong(key, operator);
                    }
                    return List.of(value.asText());
                }
                List<String> values = new ArrayList<>(value.size());
                for (JsonNode element : value) {
                    if (!fits(element, key)) {
                        throw wrong(key, operator);
                    }
                    values.add(element.asText());
                }
                return values;
            }
        }
    }

    private static String expected(ElementKey key, PropertyOperator operator) {
        String scalar = onlyStrings(key) ? "a string" : "a string or a number";
        return switch (operator.shape) {
            case NONE -> "no value";
            case ONE -> "one value: " + scalar;
            case LIST -> "a value: " + scalar + ", or a list of 1 to " + PropertyFilter.MAX_VALUES + " of them";
        };
    }

    private static boolean fits(JsonNode value, ElementKey key) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return false;
        }
        return value.isTextual() || (!onlyStrings(key) && (value.isNumber() || value.isBoolean()));
    }

    private static boolean onlyStrings(ElementKey key) {
        return key == ElementKey.SELECTOR || key == ElementKey.TAG_NAME;
    }

    /** The 400 for values that do not fit the operator's shape, in number or in type. */
    static ApiException wrong(ElementKey key, PropertyOperator operator) {
        return ElementRefusal.refused(ElementFilter.onKey(key) + " with operator " + operator.wireName + " needs " + expected(key, operator) + ".");
    }
}
