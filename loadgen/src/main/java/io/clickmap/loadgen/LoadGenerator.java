package io.clickmap.loadgen;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends generated clicks to a sink (Kafka, or capture's HTTP endpoint) at a given rate or as fast as the
 * sink takes them. Sends that fail are counted, not retried by hand: the Kafka producer already retries,
 * and the summary says how many were lost.
 */
public final class LoadGenerator {

    /** What a run did. */
    public record Summary(long sent, long failed, long bytes, Duration took) {
        public double eventsPerSecond() {
            return sent / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private final ClickSink sink;

    public LoadGenerator(ClickSink sink) {
        this.sink = sink;
    }

    public static Map<String, Object> producerProperties(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }

    /**
     * Sends {@code events} clicks; {@code ratePerSecond} ≤ 0 means as fast as possible.
     * {@code onSent} hears each click with the nanoTime it was handed to the sink.
     */
    public Summary run(ClickGenerator generator, long events, double ratePerSecond,
                       ObjLongConsumer<ClickGenerator.Click> onSent, PrintStream progressTo) {
        AtomicLong failed = new AtomicLong();
        long bytes = 0;
        Progress progress = progressTo == null ? null : new Progress(progressTo, events);
        long started = System.nanoTime();
        for (long i = 0; i < events; i++) {
            if (ratePerSecond > 0) {
                long due = started + (long) (i * 1e9 / ratePerSecond);
                long early = due - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early);
                }
            }
            ClickGenerator.Click click = generator.next();
            bytes += click.message().length;
            sink.send(click, failed::addAndGet);
            onSent.accept(click, System.nanoTime());
            if (progress != null) {
                progress.update(i + 1);
            }
        }
        sink.flush();
        if (progress != null) {
            progress.update(events);
            progress.finish();
        }
        return new Summary(events - failed.get(), failed.get(), bytes, Duration.ofNanos(System.nanoTime() - started));
    }
}
