package io.clickmap.api.elements;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.BodyField;
import io.clickmap.api.web.JsonBody;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks the JSON body of {@code POST} and {@code PATCH …/elements/}: every field optional and
 * nullable, each rule as docs/elements-api.md states it, each violation a 400 naming the field and its bound; unknown
 * fields are ignored. The body is read by {@link JsonBody}; JSON that is not an object is {@code invalid_input}.
 */
final class ElementBody {
    static final int MAX_TEXT = 10_000;
    static final int MAX_TAG_NAME = 1_000;
    static final int MAX_HREF = 10_000;
    static final int MAX_ATTR_ID = 10_000;
    static final int MAX_CLASS = 200;
    private static final String NOT_AN_OBJECT = "The body must be a JSON object (the element's fields).";
    private static final String ATTR_CLASS_RULE = "attr_class must be a list of strings, or null.";
    private static final String ATTRIBUTES_RULE = "attributes must be an object whose values are strings, or null.";
    private static final String CLASS_LENGTH_RULE = "Each class in attr_class must have at most " + MAX_CLASS + " characters.";

    private ElementBody() {
    }

    static ElementChange parse(byte[] body) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw ApiException.invalid(null, NOT_AN_OBJECT);
        }
        return new ElementChange(
                string(root, "text", MAX_TEXT),
                string(root, "tag_name", MAX_TAG_NAME),
                classes(root),
                string(root, "href", MAX_HREF),
                string(root, "attr_id", MAX_ATTR_ID),
                int32(root, "nth_child"),
                int32(root, "nth_of_type"),
                attributes(root),
                int32(root, "order"));
    }

    private static String integerRule(String name) {
        return name + " must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", or null.";
    }

    private static BodyField<Integer> int32(JsonNode body, String name) {
        if (!body.has(name)) {
            return BodyField.notSent();
        }
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return BodyField.of(null);
        }
        // Floats (even 1.0), numeric strings and booleans are refused: the column is a 32-bit integer.
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.invalid(name, integerRule(name));
        }
        return BodyField.of(value.intValue());
    }

    private static BodyField<List<String>> classes(JsonNode body) {
        if (!body.has("attr_class")) {
            return BodyField.notSent();
        }
        JsonNode value = body.get("attr_class");
        if (value.isNull()) {
            return BodyField.of(null);
        }
        if (!value.isArray()) {
            throw ApiException.invalid("attr_class", ATTR_CLASS_RULE);
        }
        List<String> names = new ArrayList<>(value.size());
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw ApiException.invalid("attr_class", ATTR_CLASS_RULE);
            }
            names.add(JsonBody.bounded(name.textValue(), "attr_class", MAX_CLASS, CLASS_LENGTH_RULE));
        }
        return BodyField.of(Collections.unmodifiableList(names));
    }

    /** Null clears the attributes to {@code {}}: an element object's attributes are never null. */
    private static BodyField<Map<String, String>> attributes(JsonNode body) {
        if (!body.has("attributes")) {
            return BodyField.notSent();
        }
        JsonNode value = body.get("attributes");
        if (value.isNull()) {
            return BodyField.of(Map.of());
        }
        if (!value.isObject()) {
            throw ApiException.invalid("attributes", ATTRIBUTES_RULE);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw ApiException.invalid("attributes", ATTRIBUTES_RULE);
            }
            attributes.put(JsonBody.unicode(entry.getKey(), "attributes"), JsonBody.unicode(entry.getValue().textValue(), "attributes"));
        }
        return BodyField.of(Collections.unmodifiableMap(attributes));
    }

    private static BodyField<String> string(JsonNode body, String name, int maxLength) {
        return BodyField.nullableText(body, name, maxLength, name + " must have at most " + maxLength + " characters.");
    }
}
