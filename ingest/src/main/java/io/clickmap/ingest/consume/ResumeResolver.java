package io.clickmap.ingest.consume;

import io.clickmap.ingest.resume.ResumePoint;
import io.clickmap.ingest.resume.StoredOffsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where each newly assigned partition resumes (committed offset vs. rows already stored) and
 * positions the consumer there. Partitions stay paused until this succeeded; client exceptions
 * propagate so the caller can retry after a back-off.
 */
final class ResumeResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeResolver.class);

    private final Consumer<byte[], byte[]> consumer;
    private final StoredOffsets storedOffsets;

    ResumeResolver(Consumer<byte[], byte[]> consumer, StoredOffsets storedOffsets) {
        this.consumer = consumer;
        this.storedOffsets = storedOffsets;
    }

    /** Resolves the waiting partitions one by one; those done before a failure stay done. */
    void resolve(AssignedPartitions partitions, boolean fetching) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions.awaitingResume()), Flush.COMMIT_TIMEOUT);
        for (TopicPartition partition : new ArrayList<>(partitions.awaitingResume())) {
            OffsetAndMetadata offset = committed.get(partition);
            ResumePoint point = storedOffsets.resumePoint(partition.topic(), partition.partition(),
                    offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset()));
            if (point.position() >= 0) {
                consumer.seek(partition, point.position());
            }
            if (offset == null) {
                // Record a starting point at once, so a crash before the first flush never leaves
                // this group without a commit to resume from.
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(consumer.position(partition))), Flush.COMMIT_TIMEOUT);
            }
            partitions.get(partition).resumeFrom(point);
            partitions.resumeKnown(partition);
            if (fetching) {
                consumer.resume(List.of(partition));
            }
            LOG.info("Partition {} resumes {}", partition, point);
        }
    }
}
