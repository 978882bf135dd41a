package io.clickmap.api.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RowIdsTest {
    private static final long TWO_TO_53 = 1L << 53;

    /** A clock that shows whatever millisecond the test sets. */
    private static final class SetClock extends Clock {
        private long millis;

        SetClock(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static long epochPlus(long millis) {
        return RowIds.EPOCH.toEpochMilli() + millis;
    }

    @Test
    void anIdIsTheMillisecondsSinceTheEpochThenTheWriterThenTheSequence() {
        RowIds ids = new RowIds(5, new SetClock(epochPlus(1_000)));

        // (1000 << 12) | (5 << 2) | sequence; the fifth id in one millisecond borrows the next one.
        assertThat(List.of(ids.next(), ids.next(), ids.next(), ids.next(), ids.next()))
                .containsExactly(4_096_020L, 4_096_021L, 4_096_022L, 4_096_023L, 4_100_116L);
    }

    @Test
    void idsFromOneWriterStrictlyIncreaseWhenTheClockStandsStillOrStepsBack() {
        SetClock clock = new SetClock(epochPlus(60_000));
        RowIds ids = new RowIds(1023, clock);
        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            drawn.add(ids.next());
        }
        clock.millis = epochPlus(10_000);
        for (int i = 0; i < 20; i++) {
            drawn.add(ids.next());
        }

        assertThat(drawn).isSorted().doesNotHaveDuplicates();
        assertThat(drawn.get(0)).isEqualTo(60_000L << 12 | 1023 << 2);
    }

    @Test
    void twoWritersNeverShareAnIdEvenInTheSameMillisecond() {
        SetClock clock = new SetClock(epochPlus(5));
        RowIds first = new RowIds(1, clock);
        RowIds second = new RowIds(2, clock);
        Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(drawn.add(first.next())).isTrue();
            assertThat(drawn.add(second.next())).isTrue();
        }
    }

    @Test
    void idsStayBelowTwoToThe53UntilTheirMillisecondsRunOutIn2094AndThenStopLoudly() {
        long lastMillisecond = (1L << 41) - 1;
        RowIds ids = new RowIds(RowIds.MAX_WRITER, new SetClock(epochPlus(lastMillisecond)));
        assertThat(RowIds.EPOCH.plusMillis(lastMillisecond)).isBetween(Instant.parse("2094-09-01T00:00:00Z"), Instant.parse("2094-10-01T00:00:00Z"));

        assertThat(List.of(ids.next(), ids.next(), ids.next())).allSatisfy(id -> assertThat(id).isLessThan(TWO_TO_53));
        assertThat(ids.next()).isEqualTo(RowIds.MAX_ID).isEqualTo(TWO_TO_53 - 1);
        assertThatThrownBy(ids::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("exhausted");
    }

    @Test
    void eightThreadsDrawingAtOnceNeverGetTheSameId() throws Exception {
        RowIds ids = new RowIds(7, Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<List<Long>>> draws = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                draws.add(CompletableFuture.supplyAsync(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        mine.add(ids.next());
                    }
                    return mine;
                }, threads));
            }
            Set<Long> all = new HashSet<>();
            for (CompletableFuture<List<Long>> draw : draws) {
                List<Long> mine = draw.get();
                assertThat(mine).isSorted();
                all.addAll(mine);
            }
            assertThat(all).hasSize(8 * 20_000).allSatisfy(id -> assertThat(id).isPositive().isLessThan(TWO_TO_53));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWriterIdOutsideItsTenBitsIsRefused() {
        assertThatThrownBy(() -> new RowIds(1024, Clock.systemUTC())).hasMessageContaining("from 0 to 1023");
        assertThatThrownBy(() -> new RowIds(-1, Clock.systemUTC())).hasMessageContaining("from 0 to 1023");
    }
}
