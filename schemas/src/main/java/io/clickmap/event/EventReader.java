package io.clickmap.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Turns one Kafka message (a plain event or a PostHog capture envelope, see docs/events.md) into a click
 * event to store, a skip, or a rejection with its reason. Never throws for anything in the message;
 * exceptions from {@link Environments} (a database that cannot be reached) pass through untouched.
 */
public final class EventReader {
    public static final int MAX_MESSAGE_BYTES = 1 << 20;
    public static final int MAX_DISTINCT_ID_LENGTH = 200;
    private static final Instant EARLIEST = Instant.EPOCH;
    // ClickHouse's DateTime is 32-bit unsigned seconds: it ends early in 2106.
    private static final Instant LATEST = Instant.parse("2105-12-31T23:59:59Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Environments environments;

    public EventReader(Environments environments) {
        this.environments = environments;
    }

    public ReadResult read(byte[] value, Source source) {
        try {
            return readOrReject(value, source);
        } catch (RejectedMessage rejected) {
            return new ReadResult.Rejected(rejected.rejection);
        }
    }

    private ReadResult readOrReject(byte[] value, Source source) {
        if (value == null || value.length == 0) {
            throw reject(Rejection.Code.INVALID_JSON, "the message is empty");
        }
        if (value.length > MAX_MESSAGE_BYTES) {
            throw reject(Rejection.Code.TOO_LARGE, "the message has " + value.length + " bytes; at most " + MAX_MESSAGE_BYTES + " are accepted");
        }
        EventFields message = parseObject(value, "the message");
        EventFields event = message;
        EventFields envelope = null;
        JsonNode data = message.get("data");
        if (data != null && !message.has("event")) {
            if (!data.isTextual()) {
                throw reject(Rejection.Code.INVALID_FIELD, "data must be the event as a JSON string");
            }
            event = parseObject(data.textValue().getBytes(StandardCharsets.UTF_8), "data");
            envelope = message;
        }

        String name = requiredText(event.get("event"), "event");
        if (!ClickEventType.isClick(name)) {
            return new ReadResult.Skipped(name);
        }
        String distinctId = distinctId(either(event, envelope, "distinct_id"));
        UUID uuid = uuid(either(event, envelope, "uuid"), source);
        PropertiesCopy properties = properties(event);
        Instant timestamp = timestamp(event.get("timestamp"), envelope, source);
        String currentUrl = optionalText(properties.currentUrl(), "properties.$current_url");
        String chain = chain(properties);
        long teamId = environment(event, envelope, properties);
        return new ReadResult.Accepted(new ClickEvent(
                uuid, teamId, name, timestamp, distinctId, currentUrl, chain, properties.json(), properties.scalars()));
    }

    private static EventFields parseObject(byte[] json, String what) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                while (parser.nextToken() != null) {
                    parser.skipChildren();
                }
                throw reject(Rejection.Code.INVALID_JSON, what + " is not a JSON object");
            }
            EventFields fields = EventFields.read(parser);
            if (parser.nextToken() != null) {
                throw reject(Rejection.Code.INVALID_JSON, what + " is not valid JSON: more after the object");
            }
            return fields;
        } catch (IOException e) {
            throw reject(Rejection.Code.INVALID_JSON, what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The event's own field, or the capture envelope's when the event lacks it. */
    private static JsonNode either(EventFields event, EventFields envelope, String field) {
        JsonNode own = event.get(field);
        if ((own == null || own.isNull()) && envelope != null) {
            return envelope.get(field);
        }
        return own;
    }

    private static String requiredText(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw reject(Rejection.Code.MISSING_FIELD, field + " is required");
        }
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw reject(Rejection.Code.INVALID_FIELD, field + " must be a non-empty string");
        }
        return node.textValue();
    }

    private static String distinctId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw reject(Rejection.Code.MISSING_FIELD, "distinct_id is required");
        }
        String id;
        if (node.isTextual()) {
            id = node.textValue();
        } else if (node.isNumber()) {
            id = node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText();
        } else {
            throw reject(Rejection.Code.INVALID_FIELD, "distinct_id must be a string or a number");
        }
        if (id.isEmpty() || id.length() > MAX_DISTINCT_ID_LENGTH) {
            throw reject(Rejection.Code.INVALID_FIELD, "distinct_id must have 1 to " + MAX_DISTINCT_ID_LENGTH + " characters, not " + id.length());
        }
        return id;
    }

    /** The event's own id, or one derived from its Kafka coordinates so that a re-read yields the same id. */
    private static UUID uuid(JsonNode node, Source source) {
        if (node == null || node.isNull()) {
            String coordinates = source.topic() + "/" + source.partition() + "/" + source.offset();
            return UUID.nameUUIDFromBytes(coordinates.getBytes(StandardCharsets.UTF_8));
        }
        if (!node.isTextual() || !Uuids.isCanonical(node.textValue())) {
            throw reject(Rejection.Code.INVALID_FIELD, "uuid must be a UUID like 0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e");
        }
        return UUID.fromString(node.textValue());
    }

    private static PropertiesCopy properties(EventFields event) {
        if (event.propertiesMalformed()) {
            throw reject(Rejection.Code.INVALID_FIELD, "properties must be an object");
        }
        return event.properties() == null ? PropertiesCopy.empty() : event.properties();
    }

    /** PostHog's clock-skew correction: a client that sent {@code sent_at} is off by {@code now - sent_at}. */
    private static Instant timestamp(JsonNode node, EventFields envelope, Source source) {
        if (node == null || node.isNull()) {
            return inRange(Instant.ofEpochMilli(source.timestamp()), "the Kafka record's timestamp");
        }
        Instant timestamp = instant(node, "timestamp");
        if (envelope != null) {
            JsonNode sentAt = envelope.get("sent_at");
            JsonNode now = envelope.get("now");
            if (sentAt != null && sentAt.isTextual() && !sentAt.textValue().isEmpty() && now != null && !now.isNull()) {
                long skewMillis = instant(now, "now").toEpochMilli() - instant(sentAt, "sent_at").toEpochMilli();
                timestamp = timestamp.plusMillis(skewMillis);
            }
        }
        return inRange(timestamp, "timestamp");
    }

    private static Instant instant(JsonNode node, String field) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(node.textValue(), Instant::from);
            } catch (DateTimeParseException e) {
                throw reject(Rejection.Code.INVALID_FIELD, field + " must be ISO-8601 with an offset or Z (like 2026-11-20T10:15:30.123Z), or epoch milliseconds");
            }
        }
        throw reject(Rejection.Code.INVALID_FIELD, field + " must be an ISO-8601 string or epoch milliseconds");
    }

    private static Instant inRange(Instant timestamp, String what) {
        if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(LATEST)) {
            throw reject(Rejection.Code.INVALID_FIELD, what + " " + timestamp + " lies outside 1970–2105");
        }
        return timestamp;
    }

    private static String optionalText(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw reject(Rejection.Code.INVALID_FIELD, field + " must be a string");
        }
        return node.textValue();
    }

    /** {@code $elements_chain} verbatim, else built from {@code $elements}; never a reason to reject. */
    private static String chain(PropertiesCopy properties) {
        JsonNode chain = properties.chain();
        if (chain != null && chain.isTextual() && !chain.textValue().isEmpty()) {
            return chain.textValue();
        }
        return properties.elements() == null ? "" : ElementsProperty.toChain(properties.elements());
    }

    private long environment(EventFields event, EventFields envelope, PropertiesCopy properties) {
        JsonNode teamId = either(event, envelope, "team_id");
        if (teamId != null && !teamId.isNull()) {
            if (!teamId.isIntegralNumber() || !teamId.canConvertToLong() || teamId.longValue() < 1) {
                throw reject(Rejection.Code.INVALID_FIELD, "team_id must be a positive integer");
            }
            if (!environments.exists(teamId.longValue())) {
                throw reject(Rejection.Code.UNKNOWN_ENVIRONMENT, "no environment has id " + teamId.longValue());
            }
            return teamId.longValue();
        }
        JsonNode token = either(event, envelope, "token");
        if (token == null || token.isNull()) {
            token = properties.token();
        }
        if (token == null || token.isNull()) {
            throw reject(Rejection.Code.MISSING_FIELD, "team_id or token is required");
        }
        if (!token.isTextual() || token.textValue().isEmpty()) {
            throw reject(Rejection.Code.INVALID_FIELD, "token must be a non-empty string");
        }
        OptionalLong environment = environments.byToken(token.textValue());
        if (environment.isEmpty()) {
            throw reject(Rejection.Code.UNKNOWN_ENVIRONMENT, "no environment has this token");
        }
        return environment.getAsLong();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static RejectedMessage reject(Rejection.Code code, String reason) {
        return new RejectedMessage(new Rejection(code, reason));
    }

    /** Unwinds the reader to {@link #read} with the reason; no stack trace, rejections are expected. */
    private static final class RejectedMessage extends RuntimeException {
        private final transient Rejection rejection;

        RejectedMessage(Rejection rejection) {
            super(rejection.reason(), null, false, false);
            this.rejection = rejection;
        }
    }
}
