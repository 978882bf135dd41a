package io.clickmap.ingest.store;

import com.clickhouse.data.ClickHouseCityHash;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Bytes kept as ClickHouse's native compressed blocks (what it reads from an HTTP body with {@code decompress=1},
 * on 18.16 and current releases alike): per block a CityHash128 (v1.0.2) checksum, the method byte (LZ4), the
 * compressed and the decompressed size, then the LZ4 data. Click rows shrink about fourfold, so the same memory
 * holds four times the rows, and each insert — one part — is four times larger, which is what ClickHouse's
 * insert rate depends on. The compressed bytes live in fixed-size chunks from a shared pool, given back once the
 * batch is stored, so tens of megabytes neither copy themselves as they grow nor burden the garbage collector.
 */
final class NativeBlocks {
    static final int CHUNK_BYTES = 256 * 1024;
    private static final int HEADER_BYTES = 9;
    private static final int CHECKSUM_BYTES = 16;
    private static final byte LZ4_METHOD = (byte) 0x82;
    private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();
    /** Chunks kept for reuse: up to two batches of 64 MiB. The pool never holds more than was in use at once. */
    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(2 * 64 * 1024 * 1024 / CHUNK_BYTES);
    // Compression works here before the block is copied to the chunks; one per thread, as encoding and storing
    // batches happen on different threads.
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(
            () -> new byte[CHECKSUM_BYTES + HEADER_BYTES + LZ4.maxCompressedLength(CHUNK_BYTES)]);

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int position = CHUNK_BYTES;
    private int size;

    /** Bytes held, compressed. */
    int size() {
        return size;
    }

    /** Compresses {@code length} bytes of {@code data} into one more block. */
    void add(byte[] data, int length) {
        byte[] block = SCRATCH.get();
        int blockLength = compress(data, length, block);
        int written = 0;
        while (written < blockLength) {
            if (position == CHUNK_BYTES) {
                nextChunk();
            }
            int piece = Math.min(blockLength - written, CHUNK_BYTES - position);
            System.arraycopy(block, written, current, position, piece);
            position += piece;
            written += piece;
        }
        size += blockLength;
    }

    /** Writes the blocks, then {@code tailLength} bytes of {@code tail} as a last block, without keeping it. */
    void writeTo(OutputStream out, byte[] tail, int tailLength) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, i == chunks.size() - 1 ? position : CHUNK_BYTES);
        }
        if (tailLength > 0) {
            byte[] block = SCRATCH.get();
            out.write(block, 0, compress(tail, tailLength, block));
        }
    }

    /** Gives the chunks back for other batches; these blocks must not be used afterwards. */
    void release() {
        chunks.forEach(POOL::offer);
        chunks.clear();
        current = null;
        position = CHUNK_BYTES;
    }

    static byte[] takeChunk() {
        byte[] chunk = POOL.poll();
        return chunk != null ? chunk : new byte[CHUNK_BYTES];
    }

    static void giveBack(byte[] chunk) {
        POOL.offer(chunk);
    }

    private static int compress(byte[] data, int length, byte[] block) {
        int compressed = LZ4.compress(data, 0, length, block, CHECKSUM_BYTES + HEADER_BYTES);
        int blockBody = HEADER_BYTES + compressed;
        block[CHECKSUM_BYTES] = LZ4_METHOD;
        littleEndian(block, CHECKSUM_BYTES + 1, blockBody, 4);
        littleEndian(block, CHECKSUM_BYTES + 5, length, 4);
        long[] checksum = ClickHouseCityHash.cityHash128(block, CHECKSUM_BYTES, blockBody);
        littleEndian(block, 0, checksum[0], 8);
        littleEndian(block, 8, checksum[1], 8);
        return CHECKSUM_BYTES + blockBody;
    }

    private static void littleEndian(byte[] target, int offset, long value, int width) {
        for (int i = 0; i < width; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private void nextChunk() {
        current = takeChunk();
        chunks.add(current);
        position = 0;
    }
}
