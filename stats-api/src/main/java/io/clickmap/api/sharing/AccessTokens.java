package io.clickmap.api.sharing;

import java.security.SecureRandom;
import java.util.Base64;

/** New sharing access tokens: 22 random bytes, URL-safe Base64 without padding (30 characters), as long as PostHog's. */
final class AccessTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_LENGTH = 100;

    private AccessTokens() {
    }

    static String next() {
        byte[] token = new byte[22];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Whether a text could be a token at all, so that anything else is refused before ClickHouse is asked. */
    static boolean isPlausible(String text) {
        return !text.isEmpty() && text.length() <= MAX_LENGTH
                && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }
}
