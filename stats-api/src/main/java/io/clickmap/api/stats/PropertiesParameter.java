package io.clickmap.api.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code properties}: a JSON array of event-property filters, all of which must hold. Rejects, with a 400
 * naming {@code properties}, anything the query could not evaluate exactly: other filter types, unknown
 * operators, values of the wrong shape, and regexes that are too long, too costly to compile or break a rule
 * of ClickHouse's RE2 ({@link Re2Limits}). Linear in the input, so it may run on the event loop; compiling the
 * regexes is left to {@link RegexSyntax}, on the blocking executor.
 */
final class PropertiesParameter {
    static final String NAME = "properties";
    // PostHog's other filter types (person, cohort, …) need data Clickmap does not store.
    static final String FILTER_TYPE = "event";
    static final int MAX_FILTERS = 50;
    static final int MAX_VALUES = 100;
    static final int MAX_TEXT = 10_000;
    static final int MAX_KEY = 1_000;
    // A URL pattern needs far less; the bound keeps checking and compiling a regex cheap.
    static final int MAX_REGEX = 1_000;

    private PropertiesParameter() {
    }

    static List<PropertyFilter> parse(String raw) {
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
            parsed.add(filter(filter));
        }
        return List.copyOf(parsed);
    }

    private static PropertyFilter filter(JsonNode filter) {
        if (!filter.isObject()) {
            throw invalid("Each property filter must be an object with key, value, operator and type.");
        }
        JsonNode type = filter.get("type");
        if (type != null && !type.isNull() && !(type.isTextual() && type.textValue().equals(FILTER_TYPE))) {
            throw invalid("Property filters of type " + (type.isTextual() ? "'" + type.textValue() + "'" : type.toString())
                    + " are not supported; only '" + FILTER_TYPE + "' filters are.");
        }
        JsonNode key = filter.get("key");
        if (key == null || !key.isTextual() || key.textValue().isEmpty() || key.textValue().length() > MAX_KEY) {
            throw invalid("Each property filter needs a key: a non-empty string of at most " + MAX_KEY + " characters.");
        }
        JsonNode operatorNode = filter.get("operator");
        PropertyOperator operator = PropertyOperator.EXACT;
        if (operatorNode != null && !operatorNode.isNull()) {
            operator = PropertyOperator.named(operatorNode.isTextual() ? operatorNode.textValue() : "")
                    .orElseThrow(() -> invalid("Unsupported operator " + operatorNode + "; supported: " + PropertyOperator.NAMES + "."));
        }
        List<String> values = values(filter.get("value"), operator, key.textValue());
        if (operator.isRegex()) {
            checkRegex(values.get(0), key.textValue());
        }
        return new PropertyFilter(key.textValue(), operator, values);
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
                return List.of(text(value, key));
            }
            default -> {
                if (value != null && value.isArray()) {
                    if (value.isEmpty() || value.size() > MAX_VALUES) {
                        throw invalid("The filter on " + key + " needs 1 to " + MAX_VALUES + " values.");
                    }
                    List<String> values = new ArrayList<>(value.size());
                    for (JsonNode element : value) {
                        if (!isScalar(element)) {
                            throw invalid("The values of the filter on " + key + " must be strings or numbers.");
                        }
                        values.add(text(element, key));
                    }
                    return values;
                }
                if (!isScalar(value)) {
                    throw invalid("The filter on " + key + " with operator " + operator.wireName + " needs a value: a string, a number or a list of them.");
                }
                return List.of(text(value, key));
            }
        }
    }

    private static boolean isScalar(JsonNode value) {
        return value != null && (value.isTextual() || value.isNumber() || value.isBoolean());
    }

    private static String text(JsonNode value, String key) {
        String text = value.asText();
        if (text.length() > MAX_TEXT) {
            throw invalid("A value of the filter on " + key + " is longer than " + MAX_TEXT + " characters.");
        }
        return text;
    }

    private static void checkRegex(String regex, String key) {
        if (regex.length() > MAX_REGEX) {
            throw invalid("The regular expression in the filter on " + key + " is longer than " + MAX_REGEX + " characters.");
        }
        Re2Limits.problem(regex).ifPresent(problem -> {
            throw invalid("Invalid regular expression in the filter on " + key + " (RE2 syntax): " + problem + ".");
        });
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalid(NAME, detail);
    }
}
