package io.clickmap.api.insights;

import java.security.SecureRandom;

/** PostHog's short ids: eight random characters of {@code [A-Za-z0-9]} (62^8, about 2 × 10^14 of them). */
final class ShortIds {
    static final int LENGTH = 8;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortIds() {
    }

    static String next() {
        StringBuilder id = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    static boolean isShortId(String text) {
        return text.length() == LENGTH && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
