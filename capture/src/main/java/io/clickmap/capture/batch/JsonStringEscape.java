package io.clickmap.capture.batch;

import java.nio.charset.StandardCharsets;

/**
 * JSON text escaped to sit inside a JSON string (the envelope's {@code data}): quotes and backslashes get a
 * backslash, the whitespace between tokens and any other control byte its {@code \\u00XX} form; every other
 * byte, UTF-8 sequences included, is copied.
 */
final class JsonStringEscape {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** How many bytes escaping adds to each byte value (0: copied as it is); BodyScanner counts by the same rule. */
    private static final byte[] EXTRA = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            EXTRA[b] = 5;
        }
        EXTRA['"'] = 1;
        EXTRA['\\'] = 1;
    }

    private JsonStringEscape() {
    }

    /**
     * Writes {@code text[from, to)} escaped into {@code out} at {@code at}, which must have room for it
     * (the length {@link BodyScanner} counts); returns the position after it.
     */
    static int escapeInto(byte[] text, int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            byte b = text[i];
            byte extra = EXTRA[b & 0xff];
            if (extra != 0) {
                if (extra != 1) {
                    at = unicodeEscape(b, out, at);
                    continue;
                }
                out[at++] = '\\';
            }
            out[at++] = b;
        }
        return at;
    }

    private static int unicodeEscape(byte control, byte[] out, int at) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = '0';
        out[at + 3] = '0';
        out[at + 4] = HEX[control >> 4];
        out[at + 5] = HEX[control & 0xf];
        return at + 6;
    }
}
