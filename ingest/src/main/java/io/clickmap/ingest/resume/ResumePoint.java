package io.clickmap.ingest.resume;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Where to resume reading a partition, decided from offsets alone: the group's committed offset and
 * the offsets of this partition already stored in ClickHouse. A crash between an insert and its
 * commit leaves rows stored past the committed offset; they must not be stored again.
 *
 * @param position the offset to seek to, or -1 to let the consumer's reset policy choose
 * @param alreadyStored offsets at or after {@code position} to skip, ascending
 */
public record ResumePoint(Kind kind, long position, long[] alreadyStored) {

    public enum Kind {
        /** Nothing stored past the commit: carry on from it. */
        FROM_COMMITTED,
        /** Everything from the commit up to the highest stored offset is stored (or no commit exists): start after it. */
        AFTER_STORED,
        /** Stored offsets past the commit have gaps (rows of another month not yet stored, skipped events): re-read, skip the stored. */
        FROM_COMMITTED_SKIPPING_STORED,
        /** Nothing committed, nothing stored: a new partition for this group. */
        FROM_RESET_POLICY
    }

    private static final long[] NONE = new long[0];

    /**
     * @param committed the group's committed offset (the next offset to read), if any
     * @param storedSinceCommitted stored offsets at or after {@code committed}, ascending (used when committed)
     * @param highestStored the highest stored offset of the partition (used when nothing is committed)
     */
    public static ResumePoint decide(OptionalLong committed, long[] storedSinceCommitted, OptionalLong highestStored) {
        if (committed.isEmpty()) {
            return highestStored.isPresent()
                    ? new ResumePoint(Kind.AFTER_STORED, highestStored.getAsLong() + 1, NONE)
                    : new ResumePoint(Kind.FROM_RESET_POLICY, -1, NONE);
        }
        long from = committed.getAsLong();
        int stored = storedSinceCommitted.length;
        if (stored == 0) {
            return new ResumePoint(Kind.FROM_COMMITTED, from, NONE);
        }
        long highest = storedSinceCommitted[stored - 1];
        if (storedSinceCommitted[0] == from && highest - from + 1 == stored) {
            return new ResumePoint(Kind.AFTER_STORED, highest + 1, NONE);
        }
        return new ResumePoint(Kind.FROM_COMMITTED_SKIPPING_STORED, from, storedSinceCommitted.clone());
    }

    /** Whether the record at this offset is already stored and must be skipped. */
    public boolean isStored(long offset) {
        return alreadyStored.length > 0 && Arrays.binarySearch(alreadyStored, offset) >= 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResumePoint that && kind == that.kind && position == that.position
                && Arrays.equals(alreadyStored, that.alreadyStored);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Long.hashCode(position)) + Arrays.hashCode(alreadyStored);
    }

    @Override
    public String toString() {
        return kind + (position < 0 ? "" : " at " + position) + (alreadyStored.length == 0 ? "" : ", skipping " + alreadyStored.length + " stored");
    }
}
