package io.clickmap.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's {@code properties}, copied token by token as they are parsed: the JSON text to store
 * (without {@code $elements} and {@code $elements_chain}, order kept), the top-level scalars as text
 * (for exact filters; {@code $current_url} has its own column), and the few values the reader needs.
 */
final class PropertiesCopy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String json;
    private final Map<String, String> scalars = new LinkedHashMap<>();
    private JsonNode currentUrl;
    private JsonNode chain;
    private JsonNode elements;
    private JsonNode token;

    /** Reads the object the parser stands at (its START_OBJECT) up to its end. */
    static PropertiesCopy read(JsonParser parser) throws IOException {
        PropertiesCopy copy = new PropertiesCopy();
        ByteArrayOutputStream text = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = JSON.createGenerator(text, JsonEncoding.UTF8)) {
            out.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "$elements_chain" -> copy.chain = parser.readValueAsTree();
                    case "$elements" -> copy.elements = parser.readValueAsTree();
                    case "$current_url" -> {
                        copy.currentUrl = parser.readValueAsTree();
                        out.writeFieldName(key);
                        out.writeTree(copy.currentUrl);
                    }
                    default -> {
                        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                            copy.scalars.put(key, parser.getText());
                        }
                        if (key.equals("token") && value == JsonToken.VALUE_STRING) {
                            copy.token = parser.readValueAsTree();
                            out.writeFieldName(key);
                            out.writeTree(copy.token);
                        } else {
                            out.writeFieldName(key);
                            out.copyCurrentStructure(parser);
                        }
                    }
                }
            }
            out.writeEndObject();
        }
        copy.json = text.toString(StandardCharsets.UTF_8);
        return copy;
    }

    static PropertiesCopy empty() {
        PropertiesCopy copy = new PropertiesCopy();
        copy.json = "{}";
        return copy;
    }

    String json() {
        return json;
    }

    Map<String, String> scalars() {
        return scalars;
    }

    JsonNode currentUrl() {
        return currentUrl;
    }

    JsonNode chain() {
        return chain;
    }

    JsonNode elements() {
        return elements;
    }

    JsonNode token() {
        return token;
    }
}
