package io.clickmap.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one reader of JSON that clients send, in query parameters ({@code include}, {@code properties}) and in
 * bodies: the text must be exactly one JSON value. Trailing text ({@code ["$autocapture"]x}, a second value) is
 * an error like any other malformed JSON, so every parameter accepts the same inputs; the caller turns it into
 * a 400 naming what it read.
 */
public final class StrictJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The value; a missing node when the text holds only whitespace. */
    public static JsonNode read(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }
}
