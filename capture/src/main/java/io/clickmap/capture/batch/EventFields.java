package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What capture needs of one event, read in a single streaming pass over it (no tree is built): its name,
 * uuid, distinct id and project token, at the top or in {@code properties}, and where the event's bytes
 * start and end in the body, so that it is written to Kafka exactly as sent.
 */
final class EventFields {
    String event;
    String uuid;
    boolean uuidMalformed;
    String distinctId;
    boolean distinctIdMalformed;
    String ownToken;
    String propertiesToken;
    String propertiesDistinctId;
    boolean propertiesMalformed;
    long start;
    long end;

    /** Reads the field whose name the parser is at (its value is the current token) into these fields when it is one of them. */
    void read(String field, JsonParser parser) throws IOException {
        JsonToken value = parser.currentToken();
        switch (field) {
            case "event" -> event = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            case "uuid" -> {
                uuid = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                uuidMalformed = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
            }
            case "distinct_id" -> {
                distinctId = idText(parser);
                distinctIdMalformed = distinctId == null && value != JsonToken.VALUE_NULL;
            }
            case "api_key", "token" -> {
                if (value == JsonToken.VALUE_STRING && !parser.getText().isBlank() && ownToken == null) {
                    ownToken = parser.getText();
                }
            }
            case "properties" -> readProperties(parser);
            default -> {
                // not needed here: kept as sent in the event's bytes
            }
        }
        if (value.isStructStart() && !field.equals("properties")) {
            parser.skipChildren();
        }
    }

    private void readProperties(JsonParser parser) throws IOException {
        JsonToken value = parser.currentToken();
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            propertiesMalformed = true;
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken inner = parser.nextToken();
            if (name.equals("token") && inner == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
                propertiesToken = parser.getText();
            } else if (name.equals("distinct_id")) {
                propertiesDistinctId = idText(parser);
            }
            parser.skipChildren();
        }
    }

    /** A distinct id as text: a non-empty string, or an integer written as its digits; null otherwise. */
    private static String idText(JsonParser parser) throws IOException {
        JsonToken value = parser.currentToken();
        if (value == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
            return parser.getText();
        }
        return value == JsonToken.VALUE_NUMBER_INT ? parser.getText() : null;
    }
}
