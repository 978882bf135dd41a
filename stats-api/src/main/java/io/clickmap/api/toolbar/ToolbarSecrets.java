package io.clickmap.api.toolbar;

import java.security.SecureRandom;
import java.util.Base64;

/** New toolbar tokens: 32 random bytes, URL-safe Base64 without padding (43 characters), so they travel in a URL as they are. */
final class ToolbarSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LENGTH = 100;

    private ToolbarSecrets() {
    }

    static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Whether a text could be a token at all, so that anything else is refused before ClickHouse is asked. */
    static boolean isPlausible(String text) {
        return !text.isEmpty() && text.length() <= MAX_LENGTH
                && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }
}
