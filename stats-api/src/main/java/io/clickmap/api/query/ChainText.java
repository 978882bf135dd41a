package io.clickmap.api.query;

/**
 * Values in an elements chain keep posthog-js's escaping of {@code "} as {@code \"} (the decoder never undoes it),
 * while a filter names the text the page showed. Undoing exactly that escape is the inverse of writing it, since
 * nothing else is escaped.
 */
final class ChainText {
    private ChainText() {
    }

    /** The value as the page had it; null stays null. */
    static String unescaped(String stored) {
        return stored == null || stored.indexOf('\\') < 0 ? stored : stored.replace("\\\"", "\"");
    }
}
