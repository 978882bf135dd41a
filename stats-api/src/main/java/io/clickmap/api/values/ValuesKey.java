package io.clickmap.api.values;

import io.clickmap.api.errors.ApiException;
import java.util.Optional;

/**
 * The attributes {@code values} can suggest, each with the RE2 pattern that extracts it from a chain:
 * {@code tag_name} is the chain's leading tag; the others are the first {@code key="…"} that follows
 * {@code :} or {@code "} (so {@code attr__href} is not {@code href}), running to the first quote not
 * preceded by a backslash, exactly where the chain decoder ends a value. {@code selector} has no values.
 */
enum ValuesKey {
    TAG_NAME("tag_name", "^([-_a-zA-Z0-9]+)[.:]"),
    TEXT("text", attributePattern("text")),
    HREF("href", attributePattern("href")),
    ATTR_ID("attr_id", attributePattern("attr_id")),
    SELECTOR("selector", null);

    static final String MESSAGE = "key must be one of attr_id, href, tag_name, text";

    final String wireName;
    /** RE2, with the value in group 1; null when the key has no values. */
    final String pattern;

    ValuesKey(String wireName, String pattern) {
        this.wireName = wireName;
        this.pattern = pattern;
    }

    static ValuesKey parse(String key) {
        if (key != null) {
            for (ValuesKey candidate : values()) {
                if (candidate.wireName.equals(key)) {
                    return candidate;
                }
            }
        }
        throw ApiException.invalid("key", MESSAGE);
    }

    Optional<String> pattern() {
        return Optional.ofNullable(pattern);
    }

    // A value is any run of: a character other than quote and backslash, or backslashes followed by one
    // character that is not a backslash (an escaped quote among them) — the decoder's "first quote not
    // preceded by a backslash".
    private static String attributePattern(String key) {
        return "[:\"]" + key + "=\"((?:[^\"\\\\]|\\\\+[^\\\\])*)\"";
    }
}
