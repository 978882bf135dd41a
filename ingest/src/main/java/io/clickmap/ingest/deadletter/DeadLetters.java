package io.clickmap.ingest.deadletter;

import io.clickmap.event.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages that can never be stored to the dead-letter topic: the original key and bytes
 * untouched, the reason and the source coordinates in headers (docs/events.md). Sends are asynchronous;
 * {@link #confirm()} tells whether every letter so far is acknowledged, re-sending any that failed,
 * so the consumer commits past a bad message only once its letter is safe.
 */
public final class DeadLetters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(ProducerRecord<byte[], byte[]> letter, Future<RecordMetadata> sent) {
    }

    public DeadLetters(Producer<byte[], byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    public void send(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("error", utf8(rejection.reason()));
        headers.add("error_code", utf8(rejection.code().wireName()));
        headers.add("source_topic", utf8(record.topic()));
        headers.add("source_partition", utf8(String.valueOf(record.partition())));
        headers.add("source_offset", utf8(String.valueOf(record.offset())));
        headers.add("failed_at", utf8(Instant.now(clock).toString()));
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
        pending.add(new Pending(letter, producer.send(letter)));
        LOG.warn("Dead-lettered {}/{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                rejection.code().wireName(), rejection.reason());
    }

    /**
     * Waits for every letter sent so far. Returns true when all are acknowledged; false when some
     * failed (the broker is unreachable): those are sent again and confirmed on a later call.
     */
    public boolean confirm() {
        if (pending.isEmpty()) {
            return true;
        }
        producer.flush();
        List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>();
        for (Iterator<Pending> letters = pending.iterator(); letters.hasNext(); ) {
            Pending letter = letters.next();
            try {
                letter.sent().get();
            } catch (ExecutionException e) {
                failed.add(letter.letter());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            letters.remove();
        }
        if (failed.isEmpty()) {
            return true;
        }
        LOG.warn("{} dead letters not acknowledged by Kafka; sending them again", failed.size());
        failed.forEach(letter -> pending.add(new Pending(letter, producer.send(letter))));
        return false;
    }

    public int unconfirmed() {
        return pending.size();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
