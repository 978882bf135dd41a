package io.clickmap.capture.batch;

import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.config.Shares;
import io.clickmap.capture.errors.Rejection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The events of one decoded body — a single event, an array of events, or {@code {"batch": [...]}} with
 * {@code api_key}/{@code token} and {@code sent_at} beside it — each turned into the capture envelope
 * ingest reads. One pass finds what capture needs ({@link BodyScanner}); no event is parsed into a tree, and
 * each is written to Kafka as the bytes it was sent as. All or nothing: one bad event refuses the whole
 * request, so that a client's retry never doubles the good ones.
 */
public final class EventBatch {
    private EventBatch() {
    }

    /** Bounds what bodies being converted hold at once ({@link CaptureLimits#MAX_CONVERTING_BYTES}). */
    static final Shares CONVERTING = new Shares(CaptureLimits.MAX_CONVERTING_BYTES,
            "Capture is converting as many bodies as its memory allows; retry shortly.");

    /** @param knownToken whether a project token belongs to an environment (a lookup that may throw when ClickHouse is down) */
    public static List<CapturedEvent> read(byte[] json, Arrival arrival, Predicate<String> knownToken) {
        int share = (int) Math.min(CaptureLimits.MAX_CONVERTING_BYTES, (long) CaptureLimits.CONVERTING_BYTES_PER_BODY_BYTE * json.length);
        return CONVERTING.with(share, () -> convert(json, arrival, knownToken));
    }

    private static List<CapturedEvent> convert(byte[] json, Arrival arrival, Predicate<String> knownToken) {
        BodyScanner.Body body = BodyScanner.scan(json);
        if (body.events().isEmpty()) {
            throw Rejection.invalidEvent("The body holds no events.");
        }
        Instant sentAt = body.sentAt() != null ? sentAt(body.sentAt()) : arrival.sentAt();
        EnvelopeWriter envelopes = new EnvelopeWriter(arrival, sentAt, body.batchToken());
        List<CapturedEvent> captured = new ArrayList<>(body.events().size());
        List<String> checkedTokens = new ArrayList<>(1);
        for (int i = 0; i < body.events().size(); i++) {
            captured.add(envelopes.write(body.escaped(), body.events().get(i), i, token -> {
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

    /** The batch's own {@code sent_at} wins over the query's {@code _}; without either, ingest stores timestamps as sent. */
    private static Instant sentAt(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Rejection.invalidEvent("sent_at must be an ISO-8601 instant, not '" + text + "'.");
        }
    }
}
