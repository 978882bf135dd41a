package io.clickmap.ingest.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * A growable buffer of rows in ClickHouse's RowBinary format: little-endian integers, strings as a
 * LEB128 length and UTF-8 bytes. Encoding rows as they arrive keeps a batch at about its wire size
 * instead of a heap of Java objects. Reusable after {@link #clear()}.
 */
final class RowBinary {
    private byte[] bytes = new byte[64 * 1024];
    private int size;

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void uint8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void uint32(long value) {
        littleEndian(value, 4);
    }

    void int64(long value) {
        littleEndian(value, 8);
    }

    void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    void strings(Collection<String> values) {
        varint(values.size());
        for (String value : values) {
            string(value);
        }
    }

    /** ClickHouse keeps a UUID as two 64-bit halves, most significant first, each little-endian. */
    void uuid(long mostSignificant, long leastSignificant) {
        int64(mostSignificant);
        int64(leastSignificant);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    private void littleEndian(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
