package io.clickmap.capture.batch;

import java.nio.charset.StandardCharsets;

/**
 * JSON text escaped to sit inside a JSON string (the envelope's {@code data}): quotes and backslashes get a
 * backslash, the whitespace between tokens and any other control byte its {@code \\u00XX} form; every other
 * byte, UTF-8 sequences included, is copied. One pass with a table, several times cheaper than a general
 * string writer on text that is mostly quotes and names.
 */
final class JsonStringEscape {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** 0: copy; '"' or '\\': prefix a backslash; 'u': write as backslash-u00XX. */
    private static final byte[] ACTION = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            ACTION[b] = 'u';
        }
        ACTION['"'] = '"';
        ACTION['\\'] = '\\';
    }

    private JsonStringEscape() {
    }

    /** The escaped bytes of {@code text[offset, offset + length)}, without the surrounding quotes. */
    static byte[] escape(byte[] text, int offset, int length) {
        int size = length;
        for (int i = offset; i < offset + length; i++) {
            byte action = ACTION[text[i] & 0xff];
            size += action == 0 ? 0 : action == 'u' ? 5 : 1;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = text[i] & 0xff;
            byte action = ACTION[b];
            if (action == 0) {
                out[at++] = (byte) b;
            } else if (action == 'u') {
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xf];
            } else {
                out[at++] = '\\';
                out[at++] = (byte) b;
            }
        }
        return out;
    }
}
