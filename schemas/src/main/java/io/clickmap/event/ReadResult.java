package io.clickmap.event;

/** What one Kafka message turns out to be. */
public sealed interface ReadResult {

    /** A click event to store. */
    record Accepted(ClickEvent event) implements ReadResult {
    }

    /** A valid event Clickmap does not store (not a click); counted, not dead-lettered. */
    record Skipped(String event) implements ReadResult {
    }

    /** A message that can never be stored; it goes to the dead-letter topic with this reason. */
    record Rejected(Rejection rejection) implements ReadResult {
    }
}
