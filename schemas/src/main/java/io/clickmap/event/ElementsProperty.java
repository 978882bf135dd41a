package io.clickmap.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.chain.ChainEncoder;
import io.clickmap.chain.Element;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a chain from a posthog-js {@code $elements} array (docs/events.md). A malformed array yields the
 * empty chain: the click is still worth storing without its element.
 */
final class ElementsProperty {
    static final int MAX_TEXT = 400;
    static final int MAX_HREF = 2_048;
    private static final String ATTRIBUTE_PREFIX = "attr__";

    private ElementsProperty() {
    }

    static String toChain(JsonNode elements) {
        if (!elements.isArray()) {
            return "";
        }
        List<Element> converted = new ArrayList<>(elements.size());
        for (JsonNode item : elements) {
            Element element = element(item, converted.size());
            if (element == null) {
                return "";
            }
            converted.add(element);
        }
        return ChainEncoder.encode(converted);
    }

    private static Element element(JsonNode item, int order) {
        if (!item.isObject()) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith(ATTRIBUTE_PREFIX)) {
                String value = attributeValue(field.getValue());
                if (value == null && !field.getValue().isNull()) {
                    return null;
                }
                if (value != null) {
                    attributes.put(field.getKey(), value);
                }
            }
        }
        try {
            return new Element(
                    cut(text(item.get("$el_text")), MAX_TEXT),
                    text(item.get("tag_name")),
                    classes(item.get("attr__class")),
                    cut(text(item.get("attr__href")), MAX_HREF),
                    text(item.get("attr__id")),
                    integer(item.get("nth_child")),
                    integer(item.get("nth_of_type")),
                    attributes,
                    order);
        } catch (MalformedElement e) {
            return null;
        }
    }

    private static String attributeValue(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : value) {
                if (!part.isTextual()) {
                    return null;
                }
                parts.add(part.textValue());
            }
            return String.join(" ", parts);
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw MalformedElement.INSTANCE;
        }
        return node.textValue();
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw MalformedElement.INSTANCE;
        }
        return node.intValue();
    }

    /** An array is taken as it is; a string is split on single spaces, as posthog-js joined it. */
    private static List<String> classes(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return Arrays.asList(node.textValue().split(" ", -1));
        }
        if (node.isArray()) {
            List<String> classes = new ArrayList<>(node.size());
            for (JsonNode name : node) {
                if (!name.isTextual()) {
                    throw MalformedElement.INSTANCE;
                }
                classes.add(name.textValue());
            }
            return classes;
        }
        throw MalformedElement.INSTANCE;
    }

    /** Cuts to at most {@code max} code points, never inside a surrogate pair. */
    static String cut(String value, int max) {
        if (value == null || value.length() <= max || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    private static final class MalformedElement extends RuntimeException {
        static final MalformedElement INSTANCE = new MalformedElement();

        private MalformedElement() {
            super("malformed $elements item", null, false, false);
        }
    }
}
