package io.clickmap.api.query;

import io.clickmap.api.errors.ApiException;

/**
 * A cursor over a selector's text for {@link SelectorParser}: names with CSS escapes ({@code \:}, {@code \31 }),
 * quoted strings, whitespace. Lenient as PostHog is: any character without a meaning in the syntax belongs to a
 * name, so classes like {@code w-1/2} or {@code !mt-0} need no escaping. Each character is read once; what cannot
 * be read is a 400 quoting the selector and saying what was wrong.
 */
final class SelectorScanner {
    // Characters with a meaning in selector syntax, beyond whitespace and control characters.
    private static final String SYNTAX = ".#[]:>+~,*()'\"=|\\";
    private static final int MAX_HEX_DIGITS = 6;

    final String text;
    int at;

    SelectorScanner(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return at >= text.length();
    }

    /** The next character; NUL at the end (a NUL in the text is never a name or syntax character either). */
    char peek() {
        return atEnd() ? '\0' : text.charAt(at);
    }

    /** Whether there was any whitespace to skip. */
    boolean skipSpace() {
        int start = at;
        while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at > start;
    }

    /** Name characters and escapes, up to the first character with a meaning in the syntax; may be empty. */
    String name() {
        StringBuilder name = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(at);
            if (c == '\\') {
                escape(name);
            } else if (isNameChar(c)) {
                name.append(c);
                at++;
            } else {
                break;
            }
        }
        return name.toString();
    }

    /** An attribute's name: the characters HTML attribute names are written with ({@code data-attr}, {@code xlink:href}). */
    String attributeName() {
        int start = at;
        while (!atEnd() && isAttributeNameChar(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    /** Up to {@code max + 1} ASCII digits, so a caller can tell a number that is too long. */
    String digits(int max) {
        int start = at;
        while (!atEnd() && at - start <= max && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return text.substring(start, at);
    }

    /** A string in {@code "…"} or {@code '…'}, at its opening quote; a backslash escapes as in a name. */
    String quoted() {
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (!atEnd() && text.charAt(at) != quote) {
            char c = text.charAt(at);
            if (c == '\\') {
                escape(value);
            } else if (c < 0x20 || c == 0x7f) {
                throw unexpected();
            } else {
                value.append(c);
                at++;
            }
        }
        if (atEnd()) {
            throw refused("a quoted value is not closed");
        }
        at++;
        return value.toString();
    }

    /** CSS: a backslash and up to six hex digits (one whitespace may end them) is that code point; before anything else, that character. */
    private void escape(StringBuilder into) {
        at++;
        if (atEnd() || text.charAt(at) == '\n' || text.charAt(at) == '\r' || text.charAt(at) == '\f') {
            throw refused("a backslash must escape a character");
        }
        int start = at;
        while (!atEnd() && at - start < MAX_HEX_DIGITS && Character.digit(text.charAt(at), 16) >= 0) {
            at++;
        }
        if (at == start) {
            into.append(text.charAt(at++));
            return;
        }
        int codePoint = Integer.parseInt(text.substring(start, at), 16);
        boolean valid = codePoint != 0 && codePoint <= Character.MAX_CODE_POINT
                && (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE);
        into.appendCodePoint(valid ? codePoint : 0xFFFD);
        if (!atEnd() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    static boolean isNameChar(char c) {
        return c >= 0x20 && c != 0x7f && !Character.isWhitespace(c) && SYNTAX.indexOf(c) < 0;
    }

    private static boolean isAttributeNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':' || c == '.';
    }

    ApiException unexpected() {
        if (atEnd()) {
            return refused("it ends before the selector is complete");
        }
        return refused("unexpected " + ElementRefusal.quoted(String.valueOf(text.charAt(at))) + " at character " + (at + 1));
    }

    ApiException refused(String reason) {
        return ElementRefusal.refused("the element filter on selector supports " + ElementSelector.SUPPORTED + "; got "
                + ElementRefusal.quoted(text) + " (" + reason + ").");
    }
}
