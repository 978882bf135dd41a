package io.clickmap.api.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code properties}: a JSON array of event-property filters, all of which must hold. Rejects, with a 400
 * naming {@code properties}, anything the query could not evaluate exactly: other filter types, unknown
 * operators, values of the wrong JSON type, and every check of {@link PropertyFilter}.
 */
public final class PropertiesParameter {
    public static final String NAME = "properties";
    // PostHog's other filter types (person, cohort, …) need data Clickmap does not store.
    public static final String FILTER_TYPE = "event";
    public static final int MAX_FILTERS = 50;

    private PropertiesParameter() {
    }

    /**
     * Whether parsing may compile a regex (up to a millisecond each), so it must not run on the event loop. Errs
     * on the safe side: any mention of the operator's name, even inside a value, counts.
     */
    public static boolean mayHoldRegex(String raw) {
        return raw != null && raw.contains("regex");
    }

    public static List<PropertyFilter> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        JsonNode filters;
        try {
            filters = StrictJson.read(raw);
        } catch (JsonProcessingException e) {
            throw invalid("Properties must be a JSON array of filters like [{\"key\": \"$current_url\", \"value\": \"https://example.com/\", \"operator\": \"exact\"}].");
        }
        if (filters == null || !filters.isArray()) {
            throw invalid("Properties must be a JSON array of filters.");
        }
        if (filters.size() > MAX_FILTERS) {
            throw invalid("At most " + MAX_FILTERS + " property filters are supported.");
        }
        List<PropertyFilter> parsed = new ArrayList<>(filters.size());
        for (JsonNode filter : filters) {
            parsed.add(eventFilter(filter));
        }
        return List.copyOf(parsed);
    }

    /** One event-property filter object ({@code type} "event" or absent), checked as {@link #parse} checks each. */
    public static PropertyFilter eventFilter(JsonNode filter) {
        if (!filter.isObject()) {
            throw invalid("Each property filter must be an object with key, value, operator and type.");
        }
        JsonNode type = filter.get("type");
        if (type != null && !type.isNull() && !(type.isTextual() && type.textValue().equals(FILTER_TYPE))) {
            throw invalid("Property filters of type " + (type.isTextual() ? "'" + type.textValue() + "'" : type.toString())
                    + " are not supported; only '" + FILTER_TYPE + "' filters are.");
        }
        JsonNode key = filter.get("key");
        if (key == null || !key.isTextual()) {
            throw invalid("Each property filter needs a key: a non-empty string of at most " + PropertyFilter.MAX_KEY + " characters.");
        }
        JsonNode operatorNode = filter.get("operator");
        PropertyOperator operator = PropertyOperator.EXACT;
        if (operatorNode != null && !operatorNode.isNull()) {
            operator = PropertyOperator.named(operatorNode.isTextual() ? operatorNode.textValue() : "")
                    .orElseThrow(() -> invalid("Unsupported operator " + operatorNode + "; supported: " + PropertyOperator.NAMES + "."));
        }
        return new PropertyFilter(key.textValue(), operator, values(filter.get("value"), operator, key.textValue()));
    }

    private static List<String> values(JsonNode value, PropertyOperator operator, String key) {
        switch (operator.shape) {
            case NONE -> {
                return List.of();
            }
            case ONE -> {
                if (!isScalar(value)) {
                    throw invalid("The filter on " + key + " with operator " + operator.wireName + " needs one value: a string or a number.");
                }
                return List.of(value.asText());
            }
            default -> {
                if (value != null && value.isArray()) {
                    List<String> values = new ArrayList<>(value.size());
                    for (JsonNode element : value) {
                        if (!isScalar(element)) {
                            throw invalid("The values of the filter on " + key + " must be strings or numbers.");
                        }
                        values.add(element.asText());
                    }
                    return values;
                }
                if (!isScalar(value)) {
                    throw invalid("The filter on " + key + " with operator " + operator.wireName + " needs a value: a string, a number or a list of them.");
                }
                return List.of(value.asText());
            }
        }
    }

    private static boolean isScalar(JsonNode value) {
        return value != null && (value.isTextual() || value.isNumber() || value.isBoolean());
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalid(NAME, detail);
    }
}
