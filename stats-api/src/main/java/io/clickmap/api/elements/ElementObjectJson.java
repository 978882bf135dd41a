package io.clickmap.api.elements;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the fields of one element object in the order toolbars expect — text, tag_name, attr_class, href,
 * attr_id, nth_child, nth_of_type, attributes, order — missing values as null, attributes always an object.
 * The one writer of element objects: the stats rows and the CRUD endpoints both use it, so they cannot drift.
 * Writes fields only, so a caller may put its own (e.g. {@code id}) before them.
 */
public final class ElementObjectJson {
    private ElementObjectJson() {
    }

    public static void writeFields(JsonGenerator json, ElementValues element) throws IOException {
        json.writeStringField("text", element.text());
        json.writeStringField("tag_name", element.tagName());
        writeStrings(json, "attr_class", element.attrClass());
        json.writeStringField("href", element.href());
        json.writeStringField("attr_id", element.attrId());
        writeNumber(json, "nth_child", element.nthChild());
        writeNumber(json, "nth_of_type", element.nthOfType());
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            json.writeStringField(attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        writeNumber(json, "order", element.order());
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeFieldName(name);
        if (values == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeNumber(JsonGenerator json, String name, Integer value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }
}
