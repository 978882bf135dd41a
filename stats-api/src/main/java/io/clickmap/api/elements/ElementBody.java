package io.clickmap.api.elements;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clickmap.api.elements.ElementChange.Field;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.StrictJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks the JSON body of {@code POST} and {@code PATCH …/elements/}: every field optional and
 * nullable, each rule as docs/elements-api.md states it, each violation a 400 naming the field and its bound; unknown
 * fields are ignored. An empty body sends no fields. A body that is not UTF-8 JSON is DRF's {@code parse_error};
 * JSON that is not an object is {@code invalid_input}. Lengths count characters (code points), as PostHog does.
 */
final class ElementBody {
    static final int MAX_TEXT = 10_000;
    static final int MAX_TAG_NAME = 1_000;
    static final int MAX_HREF = 10_000;
    static final int MAX_ATTR_ID = 10_000;
    static final int MAX_CLASS = 200;
    private static final String NOT_AN_OBJECT = "The body must be a JSON object (the element's fields).";
    private static final String NOT_UTF8 = "JSON parse error - the body is not valid UTF-8.";
    private static final String ATTR_CLASS_RULE = "attr_class must be a list of strings, or null.";
    private static final String ATTRIBUTES_RULE = "attributes must be an object whose values are strings, or null.";
    private static final String CLASS_LENGTH_RULE = "Each class in attr_class must have at most " + MAX_CLASS + " characters.";

    private ElementBody() {
    }

    static ElementChange parse(byte[] body) {
        JsonNode root = read(body);
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

    private static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.parseError(NOT_UTF8);
        }
        try {
            JsonNode root = StrictJson.read(text);
            if (root.isMissingNode()) {
                throw ApiException.parseError("JSON parse error - the body holds no JSON value.");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            throw ApiException.parseError("JSON parse error - the body is not valid JSON" + position + ".");
        }
    }

    private static Field<String> string(JsonNode body, String name, int maxLength) {
        if (!body.has(name)) {
            return Field.notSent();
        }
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return Field.of(null);
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(name, name + " must be a string or null.");
        }
        return Field.of(bounded(value.textValue(), name, maxLength, name + " must have at most " + maxLength + " characters."));
    }

    private static Field<Integer> int32(JsonNode body, String name) {
        if (!body.has(name)) {
            return Field.notSent();
        }
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return Field.of(null);
        }
        // Floats (even 1.0), numeric strings and booleans are refused: the column is a 32-bit integer.
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.invalid(name, integerRule(name));
        }
        return Field.of(value.intValue());
    }

    private static Field<List<String>> classes(JsonNode body) {
        if (!body.has("attr_class")) {
            return Field.notSent();
        }
        JsonNode value = body.get("attr_class");
        if (value.isNull()) {
            return Field.of(null);
        }
        if (!value.isArray()) {
            throw ApiException.invalid("attr_class", ATTR_CLASS_RULE);
        }
        List<String> names = new ArrayList<>(value.size());
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw ApiException.invalid("attr_class", ATTR_CLASS_RULE);
            }
            names.add(bounded(name.textValue(), "attr_class", MAX_CLASS, CLASS_LENGTH_RULE));
        }
        return Field.of(Collections.unmodifiableList(names));
    }

    /** Null clears the attributes to {@code {}}: an element object's attributes are never null. */
    private static Field<Map<String, String>> attributes(JsonNode body) {
        if (!body.has("attributes")) {
            return Field.notSent();
        }
        JsonNode value = body.get("attributes");
        if (value.isNull()) {
            return Field.of(Map.of());
        }
        if (!value.isObject()) {
            throw ApiException.invalid("attributes", ATTRIBUTES_RULE);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw ApiException.invalid("attributes", ATTRIBUTES_RULE);
            }
            attributes.put(unicode(entry.getKey(), "attributes"), unicode(entry.getValue().textValue(), "attributes"));
        }
        return Field.of(Collections.unmodifiableMap(attributes));
    }

    private static String bounded(String text, String name, int maxLength, String lengthRule) {
        if (unicode(text, name).codePointCount(0, text.length()) > maxLength) {
            throw ApiException.invalid(name, lengthRule);
        }
        return text;
    }

    /**
     * The text, if it is valid Unicode: JSON's {@code \ud800} escapes can name half a character, which UTF-8 (and
     * so ClickHouse) cannot store; it would come back as {@code ?}.
     */
    private static String unicode(String text, String name) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid(name, name + " must be valid Unicode text: it holds half of a surrogate pair.");
            }
        }
        return text;
    }
}
