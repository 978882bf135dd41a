package io.clickmap.api.query;

import io.clickmap.api.errors.ApiException;

/**
 * The 400 every element filter check answers with: PostHog's {@code unsupported_query}, its detail naming the
 * field ({@code properties: …}). Client text quoted in a detail is cut short and has its control characters
 * spelled out, so that hostile input neither bloats nor garbles the answer.
 */
final class ElementRefusal {
    private static final int MAX_QUOTED = 200;

    private ElementRefusal() {
    }

    static ApiException refused(String detail) {
        return ApiException.unsupportedQuery(PropertiesParameter.NAME + ": " + detail);
    }

    /** In quotes, control characters as {@code \u0000}, cut at {@value #MAX_QUOTED} characters. */
    static String quoted(String raw) {
        int shown = Math.min(raw.length(), MAX_QUOTED);
        if (shown < raw.length() && Character.isHighSurrogate(raw.charAt(shown - 1))) {
            shown--;
        }
        StringBuilder out = new StringBuilder("\"");
        for (int k = 0; k < shown; k++) {
            char c = raw.charAt(k);
            if (c < 0x20 || c == 0x7f) {
                String hex = Integer.toHexString(c);
                out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
            } else {
                out.append(c);
            }
        }
        return out.append(shown < raw.length() ? "…\"" : "\"").toString();
    }
}
