package io.clickmap.capture.batch;

/**
 * What capture needs of one event, as {@link BodyScanner} found it: its name, uuid, distinct id and project
 * token, at the top or in {@code properties}; and where its bytes are, escaped as the envelope's {@code data} string,
 * in the escaped body, so that it is written to Kafka exactly as sent.
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
    int escapedFrom;
    int escapedTo;
}
