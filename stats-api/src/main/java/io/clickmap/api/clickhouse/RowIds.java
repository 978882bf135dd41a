package io.clickmap.api.clickhouse;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New row ids (elements, insights) without asking ClickHouse (no {@code max(id) + 1} race): 53 bits, so JavaScript clients hold
 * them exactly — 41 bits of milliseconds since {@link #EPOCH} (enough until 2094), 10 bits of writer id
 * ({@code clickmap.writer-id}, random per process when unset), 2 bits of sequence. Strictly increasing
 * within a process whatever the clock does: a burst beyond 4 ids per millisecond, or a clock stepping back,
 * borrows the next milliseconds. Unique across processes only while their writer ids differ (see README).
 */
@Singleton
public class RowIds {
    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final int WRITER_BITS = 10;
    public static final int MAX_WRITER = (1 << WRITER_BITS) - 1;
    private static final int SEQUENCE_BITS = 2;
    private static final int TIME_BITS = 41;
    public static final long MAX_ID = (1L << (TIME_BITS + WRITER_BITS + SEQUENCE_BITS)) - 1;
    private static final Logger LOG = LoggerFactory.getLogger(RowIds.class);

    private final long writer;
    private final Clock clock;
    // Milliseconds since the epoch and sequence, as one number: (millis << SEQUENCE_BITS) | sequence.
    private final AtomicLong lastTick = new AtomicLong();

    @Inject
    public RowIds(ClickHouseSettings config, Clock clock) {
        this(config.writerId() != null ? config.writerId() : new SecureRandom().nextInt(MAX_WRITER + 1), clock);
        LOG.info("New row ids carry writer id {} ({})", writer,
                config.writerId() != null ? "clickmap.writer-id" : "chosen at random for this process");
    }

    RowIds(int writer, Clock clock) {
        if (writer < 0 || writer > MAX_WRITER) {
            throw new IllegalArgumentException("a writer id is from 0 to " + MAX_WRITER + ", not " + writer);
        }
        this.writer = writer;
        this.clock = clock;
    }

    public long next() {
        long nowTick = (clock.millis() - EPOCH.toEpochMilli()) << SEQUENCE_BITS;
        long tick = lastTick.updateAndGet(last -> Math.max(last + 1, nowTick));
        long millis = tick >>> SEQUENCE_BITS;
        if (millis >= 1L << TIME_BITS) {
            throw new IllegalStateException("row ids are exhausted: " + millis + " ms after " + EPOCH
                    + " do not fit in " + TIME_BITS + " bits; ids would no longer be exact in JavaScript");
        }
        return millis << (WRITER_BITS + SEQUENCE_BITS) | writer << SEQUENCE_BITS | tick & ((1L << SEQUENCE_BITS) - 1);
    }
}
