package io.clickmap.capture.config;

import io.clickmap.event.EventReader;

/**
 * The bounds on what one request may carry. Fixed rather than configurable: they keep a 256 MB heap
 * safe whatever clients send, and they sit well above what PostHog's SDKs send (posthog-js flushes
 * every few seconds; server SDKs batch up to a few hundred events).
 */
public final class CaptureLimits {
    /** The body as sent (compressed or not); Netty refuses more before any of it is kept (413). */
    public static final int MAX_BODY_BYTES = 4 << 20;
    /** The body once decompressed or decoded: a zip bomb stops here (413), not at the heap's end. */
    public static final int MAX_DECODED_BYTES = 16 << 20;
    public static final int MAX_EVENTS = 5_000;
    /**
     * Bodies decoded at the same time; a request waits for a slot for at most a second, then is answered 503. With
     * MAX_DECODED_BYTES this bounds what decoding can hold, however many zip bombs arrive at once.
     */
    public static final int MAX_CONCURRENT_DECODES = 4;
    /**
     * Memory that decoded bodies being turned into envelopes may hold at once: a body of n bytes is counted as 6n,
     * its escaped copy (at most twice the body, more while it grows) and its envelopes. A request waits at most a second
     * for its share, then is answered 503; a posthog-js batch (~75 KB) needs half a megabyte of it.
     */
    public static final int MAX_CONVERTING_BYTES = 96 << 20;
    /** What {@link #MAX_CONVERTING_BYTES} counts per decoded byte. */
    public static final int CONVERTING_BYTES_PER_BODY_BYTE = 6;
    /** One event as the Kafka message ingest reads; ingest would dead-letter anything larger. */
    public static final int MAX_EVENT_BYTES = EventReader.MAX_MESSAGE_BYTES;

    private CaptureLimits() {
    }
}
