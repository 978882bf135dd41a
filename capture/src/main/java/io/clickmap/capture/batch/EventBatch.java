package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The events of one decoded body — a single event, an array of events, or {@code {"batch": [...]}} with
 * {@code api_key}/{@code token} and {@code sent_at} beside it — each turned into the capture envelope
 * ingest reads. Events are parsed one at a time, so memory follows the largest event, not the body.
 * All or nothing: one bad event refuses the whole request, so a client's retry never doubles the good ones.
 */
public final class EventBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBatch() {
    }

    /** @param knownToken whether a project token belongs to an environment (a lookup that may throw when ClickHouse is down) */
    public static List<CapturedEvent> read(byte[] json, Arrival arrival, Predicate<String> knownToken) {
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode top = JSON.createObjectNode();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readEvents(parser, events);
            } else if (first == JsonToken.START_OBJECT) {
                boolean batch = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("batch") && value == JsonToken.START_ARRAY) {
                        batch = true;
                        readEvents(parser, events);
                    } else {
                        top.set(field, JSON.readTree(parser));
                    }
                }
                if (!batch) {
                    events.add(top);
                    top = JSON.createObjectNode();
                }
            } else {
                throw Rejection.undecodable("The body must be a JSON event, an array of events or {\"batch\": [...]}.");
            }
            if (parser.nextToken() != null) {
                throw Rejection.undecodable("The body has text after its JSON.");
            }
        } catch (JsonProcessingException e) {
            throw Rejection.undecodable("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
        if (events.isEmpty()) {
            throw Rejection.invalidEvent("The body holds no events.");
        }
        List<CapturedEvent> captured = new ArrayList<>(events.size());
        List<String> checkedTokens = new ArrayList<>(1);
        Instant sentAt = sentAt(top, arrival);
        for (int i = 0; i < events.size(); i++) {
            captured.add(Envelope.of(events.get(i), i, defaultToken(top), sentAt, arrival, token -> {
                if (!checkedTokens.contains(token)) {
                    if (!knownToken.test(token)) {
                        throw Rejection.unknownToken();
                    }
                    checkedTokens.add(token);
                }
            }));
        }
        return captured;
    }

    private static void readEvents(JsonParser parser, List<ObjectNode> events) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw Rejection.invalidEvent("Event " + events.size() + " is not a JSON object.");
            }
            if (events.size() == CaptureLimits.MAX_EVENTS) {
                throw Rejection.tooLarge("too_many_events", "A request may carry at most " + CaptureLimits.MAX_EVENTS + " events.");
            }
            events.add((ObjectNode) JSON.readTree(parser));
        }
    }

    private static String defaultToken(ObjectNode top) {
        for (String field : List.of("api_key", "token")) {
            JsonNode value = top.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /** The batch's own {@code sent_at}, else the query's {@code _}, else none (ingest then stores timestamps as sent). */
    private static Instant sentAt(ObjectNode top, Arrival arrival) {
        JsonNode sentAt = top.get("sent_at");
        if (sentAt != null && sentAt.isTextual()) {
            try {
                return Instant.parse(sentAt.asText());
            } catch (DateTimeParseException e) {
                throw Rejection.invalidEvent("sent_at must be an ISO-8601 instant, not '" + sentAt.asText() + "'.");
            }
        }
        return arrival.sentAt();
    }

    static String newUuid() {
        return UUID.randomUUID().toString();
    }
}
