package io.clickmap.api.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.ChainTrim;
import io.clickmap.chain.Element;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a chain's element objects as a JSON array, keys in the order the toolbar expects (text, tag_name,
 * attr_class, href, attr_id, nth_child, nth_of_type, attributes, order); missing values are null, attributes
 * always an object. Decoding never fails, so neither does this.
 */
final class ElementsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ElementsJson() {
    }

    static byte[] write(String chain, ChainTrim trim) {
        List<Element> elements = trim.apply(ChainDecoder.decode(chain));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, chain.length() * 2));
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartArray();
            for (Element element : elements) {
                write(json, element);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator json, Element element) throws IOException {
        json.writeStartObject();
        json.writeStringField("text", element.text());
        json.writeStringField("tag_name", element.tagName());
        json.writeFieldName("attr_class");
        if (element.attrClass() == null) {
            json.writeNull();
        } else {
            json.writeStartArray();
            for (String name : element.attrClass()) {
                json.writeString(name);
            }
            json.writeEndArray();
        }
        json.writeStringField("href", element.href());
        json.writeStringField("attr_id", element.attrId());
        writeNumber(json, "nth_child", element.nthChild());
        writeNumber(json, "nth_of_type", element.nthOfType());
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            json.writeStringField(attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("order", element.order());
        json.writeEndObject();
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
