package io.clickmap.api.web;

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
}
