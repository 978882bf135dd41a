package io.clickmap.capture.body;

import io.clickmap.capture.errors.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Gzip, decompressed into at most a given number of bytes: a zip bomb is refused once it passes the bound, unread beyond. */
final class GzipBody {
    private GzipBody() {
    }

    static boolean looksLikeGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    static byte[] decompress(byte[] compressed, int maxBytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(1024, compressed.length * 4)));
            byte[] buffer = new byte[16384];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (out.size() + read > maxBytes) {
                    throw Rejection.decodedTooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw Rejection.undecodable("The body is not valid gzip: " + e.getMessage());
        }
    }
}
