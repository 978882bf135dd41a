package io.clickmap.ingest.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Rows in ClickHouse's RowBinary format: little-endian integers, strings as a LEB128 length and
 * UTF-8 bytes. Encoding rows as they arrive keeps a batch at about its wire size instead of a heap of
 * Java objects. Bytes live in fixed-size chunks taken from a shared pool and given back once the
 * batch is stored, so batches of tens of megabytes neither copy themselves as they grow nor leave
 * large arrays for the garbage collector, whose old generation a 256 MB heap cannot spare.
 */
final class RowBinary {
    static final int CHUNK_BYTES = 256 * 1024;
    /**
     * Chunks kept for reuse: up to two batches of 64 MiB (one filling, one being stored). The pool
     * never holds more than was in use at once, so a smaller batch limit keeps less.
     */
    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(2 * 64 * 1024 * 1024 / CHUNK_BYTES);

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int position = CHUNK_BYTES;
    private int size;

    int size() {
        return size;
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
        int written = 0;
        while (written < utf8.length) {
            if (position == CHUNK_BYTES) {
                nextChunk();
            }
            int piece = Math.min(utf8.length - written, CHUNK_BYTES - position);
            System.arraycopy(utf8, written, current, position, piece);
            position += piece;
            written += piece;
        }
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
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, i == chunks.size() - 1 ? position : CHUNK_BYTES);
        }
    }

    /** Gives the chunks back for other batches; this buffer must not be used afterwards. */
    void release() {
        for (byte[] chunk : chunks) {
            POOL.offer(chunk);
        }
        chunks.clear();
        current = null;
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        put((byte) value);
    }

    private void littleEndian(long value, int width) {
        for (int i = 0; i < width; i++) {
            put((byte) (value >>> (8 * i)));
        }
    }

    private void put(byte value) {
        if (position == CHUNK_BYTES) {
            nextChunk();
        }
        current[position++] = value;
        size++;
    }

    private void nextChunk() {
        byte[] chunk = POOL.poll();
        current = chunk != null ? chunk : new byte[CHUNK_BYTES];
        chunks.add(current);
        position = 0;
    }
}
