package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.event.EventReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One event in PostHog's capture envelope ({@code uuid, distinct_id, ip, site_url, now, sent_at, token,
 * data}), the event itself kept as sent in {@code data}. The fields ingest needs are checked here, so
 * that nothing capture accepts is dead-lettered later for a reason the client could have been told.
 */
final class Envelope {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Envelope() {
    }

    static CapturedEvent of(ObjectNode event, int index, String batchToken, Instant sentAt, Arrival arrival, Consumer<String> checkToken) {
        JsonNode name = event.get("event");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw Rejection.invalidEvent("Event " + index + " has no event name.");
        }
        JsonNode properties = event.get("properties");
        if (properties != null && !properties.isNull() && !properties.isObject()) {
            throw Rejection.invalidEvent("Event " + index + ": properties must be an object.");
        }
        String token = firstText(batchToken, properties == null ? null : properties.get("token"), event.get("api_key"), event.get("token"));
        if (token == null) {
            throw Rejection.noToken();
        }
        checkToken.accept(token);
        String distinctId = distinctId(event, properties, index);
        String uuid = uuid(event, index);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("uuid", uuid);
            out.writeStringField("distinct_id", distinctId);
            out.writeStringField("ip", arrival.ip());
            out.writeStringField("site_url", arrival.siteUrl());
            out.writeStringField("now", arrival.now().toString());
            if (sentAt != null) {
                out.writeStringField("sent_at", sentAt.toString());
            }
            out.writeStringField("token", token);
            out.writeStringField("data", JSON.writeValueAsString(event));
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        if (bytes.size() > CaptureLimits.MAX_EVENT_BYTES) {
            throw Rejection.tooLarge("event_too_large", "Event " + index + " takes " + bytes.size() + " bytes as a Kafka message; at most "
                    + CaptureLimits.MAX_EVENT_BYTES + " are stored.");
        }
        return new CapturedEvent(distinctId.getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
    }

    /** The event's own token wins over the batch's, as PostHog's capture decides. */
    private static String firstText(String batchToken, JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate != null && candidate.isTextual() && !candidate.asText().isBlank()) {
                return candidate.asText();
            }
        }
        return batchToken;
    }

    private static String distinctId(ObjectNode event, JsonNode properties, int index) {
        JsonNode id = event.get("distinct_id");
        if ((id == null || id.isNull()) && properties != null) {
            id = properties.get("distinct_id");
        }
        if (id == null || id.isNull() || id.isTextual() && id.asText().isEmpty() || !(id.isTextual() || id.isIntegralNumber())) {
            throw Rejection.invalidEvent("Event " + index + " has no distinct_id (a non-empty string) at the top or in its properties.");
        }
        String text = id.asText();
        if (text.length() > EventReader.MAX_DISTINCT_ID_LENGTH) {
            throw Rejection.invalidEvent("Event " + index + ": distinct_id is longer than " + EventReader.MAX_DISTINCT_ID_LENGTH + " characters.");
        }
        return text;
    }

    /** The event's uuid when it sends one (posthog-js does, so its retries keep it); a new one otherwise. */
    private static String uuid(ObjectNode event, int index) {
        JsonNode uuid = event.get("uuid");
        if (uuid == null || uuid.isNull()) {
            return EventBatch.newUuid();
        }
        if (!uuid.isTextual() || !UUID_TEXT.matcher(uuid.asText()).matches()) {
            throw Rejection.invalidEvent("Event " + index + ": uuid must be a UUID such as 0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e.");
        }
        return uuid.asText();
    }
}
