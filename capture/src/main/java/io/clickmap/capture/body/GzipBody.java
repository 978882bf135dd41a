package io.clickmap.capture.body;

import io.clickmap.capture.errors.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Gzip, decompressed into at most a given number of bytes: a zip bomb is refused once it passes the bound, unread beyond. */
final class GzipBody {
    private static final long TYPICAL_RATIO = 32;

    private GzipBody() {
    }

    static boolean looksLikeGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    static byte[] decompress(byte[] compressed, int maxBytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            // Sized from the size gzip's trailer states (one byte more, to see the end without a second array), so that
            // a body is decompressed into one array and copied once; a trailer that lies gets no more than JSON's
            // usual ratio at first, and the array grows from there like any other.
            long hint = Math.min(statedSize(compressed), compressed.length * TYPICAL_RATIO);
            byte[] out = new byte[(int) Math.max(1024, Math.min(maxBytes + 1L, hint + 1))];
            int size = 0;
            for (int read = in.read(out, 0, out.length); read >= 0; read = in.read(out, size, out.length - size)) {
                size += read;
                if (size > maxBytes) {
                    throw Rejection.decodedTooLarge(maxBytes);
                }
                if (size == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(maxBytes + 1L, out.length * 2L));
                }
            }
            return Arrays.copyOf(out, size);
        } catch (IOException e) {
            throw Rejection.undecodable("The body is not valid gzip: " + e.getMessage());
        }
    }

    /** ISIZE, the last four bytes: the decompressed size of the last member modulo 2³², only a hint (bodies may lie). */
    private static long statedSize(byte[] compressed) {
        int n = compressed.length;
        if (n < 18) {
            return 0;
        }
        return (compressed[n - 4] & 0xffL) | (compressed[n - 3] & 0xffL) << 8 | (compressed[n - 2] & 0xffL) << 16 | (compressed[n - 1] & 0xffL) << 24;
    }
}
