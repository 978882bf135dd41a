package io.clickmap.event;

/**
 * Where click events travel between the services that write them (capture, your producers) and ingest:
 * the defaults both sides start from, in one place, so that an unconfigured capture writes where an
 * unconfigured ingest reads.
 */
public final class EventTopic {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_NAME = "clickmap_events";

    private EventTopic() {
    }
}
