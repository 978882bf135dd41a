package io.clickmap.ingest.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rows in ClickHouse's RowBinary format: little-endian integers, strings as a LEB128 length and
 * UTF-8 bytes. Encoding rows as they arrive keeps a batch at about its wire size instead of a heap of
 * Java objects. Rows are encoded into one chunk; each full chunk is compressed into {@link NativeBlocks}
 * (rows may straddle blocks: ClickHouse reads the decompressed blocks as one stream).
 */
final class RowBinary {
    static final int CHUNK_BYTES = NativeBlocks.CHUNK_BYTES;

    private final NativeBlocks blocks = new NativeBlocks();
    private byte[] current;
    private int position;
    private long encoded;

    /** Bytes held: the compressed blocks and the chunk being filled. */
    int size() {
        return blocks.size() + position;
    }

    /** Bytes of RowBinary encoded, before compression. */
    long encoded() {
        return encoded;
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
            if (current == null || position == CHUNK_BYTES) {
                nextChunk();
            }
            int piece = Math.min(utf8.length - written, CHUNK_BYTES - position);
            System.arraycopy(utf8, written, current, position, piece);
            position += piece;
            written += piece;
        }
        encoded += utf8.length;
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

    /** Writes the rows as native compressed blocks; may be called again (a retried insert) until released. */
    void writeTo(OutputStream out) throws IOException {
        blocks.writeTo(out, current, position);
    }

    /** Gives the memory back for other batches; this buffer must not be used afterwards. */
    void release() {
        blocks.release();
        if (current != null) {
            NativeBlocks.giveBack(current);
            current = null;
        }
        position = 0;
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
        if (current == null || position == CHUNK_BYTES) {
            nextChunk();
        }
        current[position++] = value;
        encoded++;
    }

    private void nextChunk() {
        if (current == null) {
            current = NativeBlocks.takeChunk();
        } else {
            blocks.add(current, position);
        }
        position = 0;
    }
}
