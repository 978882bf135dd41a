package io.clickmap.capture.batch;

/**
 * What capture needs of one event, as {@link BodyScanner} found it: its name, uuid, distinct id and project
 * token, at the top or in {@code properties}; where the event's bytes start and end in the body, and where
 * they are once escaped as the envelope's {@code data} string, so that it is written to Kafka exactly as sent.
 */
final class EventFields {
    String event;
    String uuid;
    boolean uuidMalformed;
    String distinctId;
    boolean distinctIdMalformed;
    String ownToken;
    String propertiesToken;
    String propertiesDistinctId;
    boolean propertiesMalformed;
    int start;
    int end;
    int escapedFrom;
    int escapedTo;
}
