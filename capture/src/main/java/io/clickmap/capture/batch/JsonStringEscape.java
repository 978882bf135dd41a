package io.clickmap.capture.batch;

import java.nio.charset.StandardCharsets;

/**
 * JSON text escaped to sit inside a JSON string (the envelope's {@code data}): quotes and backslashes get a
 * backslash, the whitespace between tokens and any other control byte its {@code \\u00XX} form; every other
 * byte, UTF-8 sequences included, is copied. The usual text — JSON as JSON.stringify writes it, with no control
 * bytes — is escaped in one pass into room for twice its length; text with control bytes is measured first.
 */
final class JsonStringEscape {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** How many bytes escaping adds to each byte value: 0 for a byte copied as it is. */
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

    /** Room enough for {@link #escapeWithoutControls} of {@code [from, to)}. */
    static int roomWithoutControls(int from, int to) {
        return 2 * (to - from);
    }

    /**
     * Writes {@code text[from, to)} escaped into {@code out} at {@code at}, which must have
     * {@link #roomWithoutControls} left; returns the position after it, or -1 when the text holds a control
     * byte (then {@link #escapedLength} and {@link #escapeInto} do it).
     */
    static int escapeWithoutControls(byte[] text, int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            byte b = text[i];
            byte extra = EXTRA[b & 0xff];
            if (extra != 0) {
                if (extra != 1) {
                    return -1;
                }
                out[at++] = '\\';
            }
            out[at++] = b;
        }
        return at;
    }

    /** The length of {@code text[from, to)} escaped. */
    static int escapedLength(byte[] text, int from, int to) {
        int extra = 0;
        for (int i = from; i < to; i++) {
            extra += EXTRA[text[i] & 0xff];
        }
        return to - from + extra;
    }

    /**
     * Writes {@code text[from, to)} escaped into {@code out} at {@code at}, which must have room for
     * {@link #escapedLength}; returns the position after it.
     */
    static int escapeInto(byte[] text, int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            int b = text[i] & 0xff;
            if (EXTRA[b] == 0) {
                out[at++] = (byte) b;
            } else if (EXTRA[b] == 1) {
                out[at++] = '\\';
                out[at++] = (byte) b;
            } else {
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xf];
            }
        }
        return at;
    }
}
