package io.clickmap.event;

/**
 * {@link java.util.UUID#fromString} accepts "1-2-3-4-5"; events must carry the canonical 8-4-4-4-12 form. Capture
 * checks with the same rule as ingest, so that nothing it accepts is dead-lettered for its uuid.
 */
public final class Uuids {
    /** A table, not three ranges: in random uuids digits and letters alternate too unpredictably for branches. */
    private static final boolean[] HEX_DIGITS = new boolean[128];

    static {
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX_DIGITS[c] = true;
        }
    }

    private Uuids() {
    }

    public static boolean isCanonical(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return c < HEX_DIGITS.length && HEX_DIGITS[c];
    }
}
