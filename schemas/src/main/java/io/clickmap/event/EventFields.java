package io.clickmap.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one event object the reader looks at, read in a single streaming pass: the few
 * top-level fields as small trees, and {@code properties} copied straight to JSON text on the way
 * ({@link PropertiesCopy}) instead of being built as a tree and written back. Anything else is
 * parsed (so malformed JSON is still caught) and dropped. A later duplicate field wins.
 */
final class EventFields {
    private static final Set<String> CAPTURED = Set.of("event", "uuid", "distinct_id", "team_id", "token", "timestamp", "data", "now", "sent_at");

    private final Map<String, JsonNode> fields = new HashMap<>(16);
    private PropertiesCopy properties;
    private JsonToken propertiesToken;

    /** Reads the object the parser stands at (its START_OBJECT already consumed) up to its end. */
    static EventFields read(JsonParser parser) throws IOException {
        EventFields event = new EventFields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("properties")) {
                event.propertiesToken = token;
                event.properties = token == JsonToken.START_OBJECT ? PropertiesCopy.read(parser) : null;
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                }
            } else if (CAPTURED.contains(name)) {
                event.fields.put(name, parser.readValueAsTree());
            } else {
                parser.skipChildren();
            }
        }
        return event;
    }

    JsonNode get(String name) {
        return fields.get(name);
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The properties copied as JSON; null when the event has none, or null. */
    PropertiesCopy properties() {
        return properties;
    }

    /** Whether {@code properties} is present with a value that is neither an object nor null. */
    boolean propertiesMalformed() {
        return propertiesToken != null && propertiesToken != JsonToken.START_OBJECT && propertiesToken != JsonToken.VALUE_NULL;
    }
}
