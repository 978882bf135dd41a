package io.clickmap.event;

/**
 * {@link java.util.UUID#fromString} accepts "1-2-3-4-5"; events must carry the canonical 8-4-4-4-12 form. Capture
 * checks with the same rule as ingest, so that nothing it accepts is dead-lettered for its uuid.
 */
public final class Uuids {
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
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
