package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.event.EventReader;
import io.clickmap.event.Uuids;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes the events of one request in PostHog's capture envelope ({@code uuid, distinct_id, ip, site_url, now,
 * sent_at, token, data}), each event's own bytes in {@code data}. The fields ingest needs are checked here, so
 * that nothing capture accepts is dead-lettered later for a reason the client could have been told. Written by
 * hand: what the request's events share is rendered once, and each event's escaped bytes, which
 * {@link BodyScanner} wrote while reading the body, are copied into an envelope sized exactly.
 */
final class EnvelopeWriter {
    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    private static final byte[] UUID_FIELD = ascii("{\"uuid\":\"");
    private static final byte[] DISTINCT_ID_FIELD = ascii("\",\"distinct_id\":\"");
    private static final byte[] TOKEN_FIELD = ascii("\",\"token\":\"");
    private static final byte[] DATA_FIELD = ascii("\",\"data\":\"");
    private static final byte[] END = ascii("\"}");

    /** {@code ","ip":"…","site_url":"…","now":"…"} and {@code ,"sent_at":"…"} when known. */
    private final byte[] arrivalFields;
    private final String batchToken;

    EnvelopeWriter(Arrival arrival, Instant sentAt, String batchToken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        field(out, "ip", arrival.ip());
        field(out, "site_url", arrival.siteUrl());
        field(out, "now", arrival.now().toString());
        if (sentAt != null) {
            field(out, "sent_at", sentAt.toString());
        }
        this.arrivalFields = out.toByteArray();
        this.batchToken = batchToken;
    }

    CapturedEvent write(byte[] escapedBody, EventFields event, int index, Consumer<String> checkToken) {
        if (event.event == null || event.event.isEmpty()) {
            throw Rejection.invalidEvent("Event " + index + " has no event name.");
        }
        if (event.propertiesMalformed) {
            throw Rejection.invalidEvent("Event " + index + ": properties must be an object.");
        }
        // the event's own token wins over the batch's, as PostHog's capture decides
        String token = event.propertiesToken != null ? event.propertiesToken : event.ownToken != null ? event.ownToken : batchToken;
        if (token == null) {
            throw Rejection.noToken();
        }
        checkToken.accept(token);
        String distinctId = distinctId(event, index);
        byte[] uuid = uuid(event, index).getBytes(StandardCharsets.US_ASCII);
        byte[] quotedId = STRINGS.quoteAsUTF8(distinctId);
        byte[] quotedToken = STRINGS.quoteAsUTF8(token);
        long length = UUID_FIELD.length + uuid.length + DISTINCT_ID_FIELD.length + quotedId.length + arrivalFields.length
                + TOKEN_FIELD.length + quotedToken.length + DATA_FIELD.length + (event.escapedTo - event.escapedFrom) + END.length;
        if (length > CaptureLimits.MAX_EVENT_BYTES) {
            throw Rejection.tooLarge("event_too_large", "Event " + index + " takes " + length + " bytes as a Kafka message; at most "
                    + CaptureLimits.MAX_EVENT_BYTES + " are stored.");
        }
        byte[] envelope = new byte[(int) length];
        int at = put(UUID_FIELD, envelope, 0);
        at = put(uuid, envelope, at);
        at = put(DISTINCT_ID_FIELD, envelope, at);
        at = put(quotedId, envelope, at);
        at = put(arrivalFields, envelope, at);
        at = put(TOKEN_FIELD, envelope, at);
        at = put(quotedToken, envelope, at);
        at = put(DATA_FIELD, envelope, at);
        System.arraycopy(escapedBody, event.escapedFrom, envelope, at, event.escapedTo - event.escapedFrom);
        put(END, envelope, envelope.length - END.length);
        return new CapturedEvent(distinctId.getBytes(StandardCharsets.UTF_8), envelope);
    }

    private static int put(byte[] part, byte[] envelope, int at) {
        System.arraycopy(part, 0, envelope, at, part.length);
        return at + part.length;
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes(ascii("\",\"" + name + "\":\""));
        out.writeBytes(STRINGS.quoteAsUTF8(value));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
        if (event.uuidMalformed || event.uuid != null && !Uuids.isCanonical(event.uuid)) {
            throw Rejection.invalidEvent("Event " + index + ": uuid must be a UUID such as 0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e.");
        }
        return event.uuid != null ? event.uuid : UUID.randomUUID().toString();
    }
}
