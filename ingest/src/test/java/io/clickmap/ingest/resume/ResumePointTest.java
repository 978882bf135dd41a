package io.clickmap.ingest.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.ingest.resume.ResumePoint.Kind;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResumePointTest {
    private static final long[] NOTHING = {};

    @Test
    void withNothingStoredPastTheCommitReadingGoesOnFromTheCommit() {
        ResumePoint point = ResumePoint.decide(OptionalLong.of(100), NOTHING, OptionalLong.empty());

        assertThat(point).isEqualTo(new ResumePoint(Kind.FROM_COMMITTED, 100, NOTHING));
    }

    @Test
    void aContiguousRunStoredPastTheCommitIsSkippedBySeekingAfterIt() {
        // crashed after storing 100..104, before committing 105
        ResumePoint point = ResumePoint.decide(OptionalLong.of(100), new long[] {100, 101, 102, 103, 104}, OptionalLong.empty());

        assertThat(point).isEqualTo(new ResumePoint(Kind.AFTER_STORED, 105, NOTHING));
    }

    @Test
    void storedOffsetsWithGapsAreReReadAndTheStoredOnesSkipped() {
        // 101 was a page view (never stored), 103 belongs to a month whose insert had not happened yet
        ResumePoint point = ResumePoint.decide(OptionalLong.of(100), new long[] {100, 102, 104}, OptionalLong.empty());

        assertThat(point).isEqualTo(new ResumePoint(Kind.FROM_COMMITTED_SKIPPING_STORED, 100, new long[] {100, 102, 104}));
        assertThat(point.isStored(102)).isTrue();
        assertThat(point.isStored(103)).isFalse();
        assertThat(point.isStored(105)).isFalse();
    }

    @Test
    void storedOffsetsStartingAfterTheCommitAreReReadFromTheCommit() {
        ResumePoint point = ResumePoint.decide(OptionalLong.of(100), new long[] {101, 102}, OptionalLong.empty());

        assertThat(point).isEqualTo(new ResumePoint(Kind.FROM_COMMITTED_SKIPPING_STORED, 100, new long[] {101, 102}));
        assertThat(point.isStored(100)).isFalse();
        assertThat(point.isStored(101)).isTrue();
        assertThat(point.isStored(102)).isTrue();
    }

    @Test
    void withoutACommitReadingStartsAfterTheHighestStoredOffset() {
        ResumePoint point = ResumePoint.decide(OptionalLong.empty(), NOTHING, OptionalLong.of(41));

        assertThat(point).isEqualTo(new ResumePoint(Kind.AFTER_STORED, 42, NOTHING));
    }

    @Test
    void withoutACommitAndWithNothingStoredTheResetPolicyDecides() {
        ResumePoint point = ResumePoint.decide(OptionalLong.empty(), NOTHING, OptionalLong.empty());

        assertThat(point).isEqualTo(new ResumePoint(Kind.FROM_RESET_POLICY, -1, NOTHING));
        assertThat(point.isStored(0)).isFalse();
    }
}
