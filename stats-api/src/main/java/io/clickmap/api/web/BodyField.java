package io.clickmap.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;

/** One field of a request body: sent with a value (maybe null, which clears it), or not sent at all. */
public record BodyField<T>(boolean sent, T value) {
    public static <T> BodyField<T> notSent() {
        return new BodyField<>(false, null);
    }

    public static <T> BodyField<T> of(T value) {
        return new BodyField<>(true, value);
    }

    /** The value sent, else the current one: what PATCH does with every field. */
    public T or(T current) {
        return sent ? value : current;
    }

    /**
     * A nullable text field of a JSON object body: not sent, null, or a string of at most {@code maxLength} characters
     * of valid Unicode; anything else is a 400 naming the field ({@code lengthRule} saying why, for a long one).
     */
    public static BodyField<String> nullableText(JsonNode body, String name, int maxLength, String lengthRule) {
        if (!body.has(name)) {
            return notSent();
        }
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return of(null);
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(name, name + " must be a string or null.");
        }
        return of(JsonBody.bounded(value.textValue(), name, maxLength, lengthRule));
    }
}
