package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.event.EventReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One event in PostHog's capture envelope ({@code uuid, distinct_id, ip, site_url, now, sent_at, token,
 * data}), the event's own bytes in {@code data}. The fields ingest needs are checked here, so that nothing
 * capture accepts is dead-lettered later for a reason the client could have been told.
 */
final class Envelope {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Envelope() {
    }

    /** What every envelope of one request shares, formatted once per request rather than once per event. */
    record Common(String ip, String siteUrl, String now, String sentAt, String batchToken) {
        Common(Arrival arrival, Instant sentAt, String batchToken) {
            this(arrival.ip(), arrival.siteUrl(), arrival.now().toString(), sentAt == null ? null : sentAt.toString(), batchToken);
        }
    }

    static CapturedEvent of(byte[] body, EventFields event, int index, Common common, Consumer<String> checkToken) {
        if (event.event == null || event.event.isEmpty()) {
            throw Rejection.invalidEvent("Event " + index + " has no event name.");
        }
        if (event.propertiesMalformed) {
            throw Rejection.invalidEvent("Event " + index + ": properties must be an object.");
        }
        // the event's own token wins over the batch's, as PostHog's capture decides
        String token = event.propertiesToken != null ? event.propertiesToken : event.ownToken != null ? event.ownToken : common.batchToken();
        if (token == null) {
            throw Rejection.noToken();
        }
        checkToken.accept(token);
        String distinctId = distinctId(event, index);
        String uuid = uuid(event, index);

        int length = (int) (event.end - event.start);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length + length / 8 + 256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("uuid", uuid);
            out.writeStringField("distinct_id", distinctId);
            out.writeStringField("ip", common.ip());
            out.writeStringField("site_url", common.siteUrl());
            out.writeStringField("now", common.now());
            if (common.sentAt() != null) {
                out.writeStringField("sent_at", common.sentAt());
            }
            out.writeStringField("token", token);
            out.writeFieldName("data");
            byte[] data = JsonStringEscape.escape(body, (int) event.start, length);
            out.writeRawUTF8String(data, 0, data.length);
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

    private static String distinctId(EventFields event, int index) {
        String id = event.distinctId != null || event.distinctIdMalformed ? event.distinctId : event.propertiesDistinctId;
        if (id == null) {
            throw Rejection.invalidEvent("Event " + index + " has no distinct_id (a non-empty string) at the top or in its properties.");
        }
        if (id.length() > EventReader.MAX_DISTINCT_ID_LENGTH) {
            throw Rejection.invalidEvent("Event " + index + ": distinct_id is longer than " + EventReader.MAX_DISTINCT_ID_LENGTH + " characters.");
        }
        return id;
    }

    /** The event's uuid when it sends one (posthog-js does, so its retries keep it); a new one otherwise. */
    private static String uuid(EventFields event, int index) {
        if (event.uuidMalformed || event.uuid != null && !UUID_TEXT.matcher(event.uuid).matches()) {
            throw Rejection.invalidEvent("Event " + index + ": uuid must be a UUID such as 0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e.");
        }
        return event.uuid != null ? event.uuid : UUID.randomUUID().toString();
    }
}
