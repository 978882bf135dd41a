package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The events of one decoded body — a single event, an array of events, or {@code {"batch": [...]}} with
 * {@code api_key}/{@code token} and {@code sent_at} beside it — each turned into the capture envelope
 * ingest reads. One streaming pass: no event is parsed into a tree, and each is written to Kafka as the
 * bytes it was sent as. All or nothing: one bad event refuses the whole request, so that a client's
 * retry never doubles the good ones.
 */
public final class EventBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBatch() {
    }

    /** @param knownToken whether a project token belongs to an environment (a lookup that may throw when ClickHouse is down) */
    public static List<CapturedEvent> read(byte[] json, Arrival arrival, Predicate<String> knownToken) {
        List<EventFields> events = new ArrayList<>();
        String batchToken = null;
        Instant sentAt = arrival.sentAt();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readEvents(parser, events);
            } else if (first == JsonToken.START_OBJECT) {
                EventFields top = new EventFields();
                top.start = parser.currentTokenLocation().getByteOffset();
                boolean batch = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("batch") && value == JsonToken.START_ARRAY) {
                        batch = true;
                        readEvents(parser, events);
                    } else if (field.equals("sent_at") && value == JsonToken.VALUE_STRING) {
                        sentAt = sentAt(parser.getText());
                    } else {
                        top.read(field, parser);
                    }
                }
                top.end = parser.currentTokenLocation().getByteOffset() + 1;
                if (batch) {
                    batchToken = top.ownToken;
                } else {
                    events.add(top);
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
        EnvelopeWriter envelopes = new EnvelopeWriter(arrival, sentAt, batchToken);
        List<CapturedEvent> captured = new ArrayList<>(events.size());
        List<String> checkedTokens = new ArrayList<>(1);
        for (int i = 0; i < events.size(); i++) {
            captured.add(envelopes.write(json, events.get(i), i, token -> {
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

    private static void readEvents(JsonParser parser, List<EventFields> events) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw Rejection.invalidEvent("Event " + events.size() + " is not a JSON object.");
            }
            if (events.size() == CaptureLimits.MAX_EVENTS) {
                throw Rejection.tooLarge("too_many_events", "A request may carry at most " + CaptureLimits.MAX_EVENTS + " events.");
            }
            EventFields event = new EventFields();
            event.start = parser.currentTokenLocation().getByteOffset();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                event.read(field, parser);
            }
            event.end = parser.currentTokenLocation().getByteOffset() + 1;
            events.add(event);
        }
    }

    /** The batch's own {@code sent_at} wins over the query's {@code _}; without either, ingest stores timestamps as sent. */
    private static Instant sentAt(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Rejection.invalidEvent("sent_at must be an ISO-8601 instant, not '" + text + "'.");
        }
    }
}
