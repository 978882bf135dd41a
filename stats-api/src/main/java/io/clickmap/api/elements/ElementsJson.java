package io.clickmap.api.elements;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The CRUD responses' JSON: one element ({@code id} first, then the element object's fields through
 * {@link ElementObjectJson}), or a list page {@code {"count", "next", "previous", "results"}} as PostHog's
 * paginator writes it. Writing to memory cannot fail.
 */
final class ElementsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ElementsJson() {
    }

    static byte[] element(StoredElement element) {
        return write(json -> writeElement(json, element));
    }

    static byte[] page(long count, String next, String previous, List<StoredElement> results) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("count", count);
            json.writeStringField("next", next);
            json.writeStringField("previous", previous);
            json.writeArrayFieldStart("results");
            for (StoredElement element : results) {
                writeElement(json, element);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeElement(JsonGenerator json, StoredElement element) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", element.id());
        ElementObjectJson.writeFields(json, element.values());
        json.writeEndObject();
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }
}
