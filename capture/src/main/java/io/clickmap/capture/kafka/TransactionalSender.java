package io.clickmap.capture.kafka;

import io.clickmap.capture.batch.CapturedEvent;
import io.clickmap.capture.config.CaptureConfig;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.capture.observe.CaptureMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer and the thread that feeds it: takes every waiting request (up to a bound),
 * sends their events in one transaction and commits; on any failure the transaction is aborted (or, when
 * its outcome is unknown, the producer is replaced, which aborts it through fencing) and those requests
 * are told 503. A producer is created lazily and again after a failure, so capture starts without Kafka.
 */
final class TransactionalSender {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalSender.class);
    private static final int MAX_EVENTS_PER_TRANSACTION = 20_000;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final CaptureConfig config;
    private final String transactionalId;
    private final BlockingQueue<PendingAppend> queue;
    private final CaptureMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    private KafkaProducer<byte[], byte[]> producer;

    TransactionalSender(CaptureConfig config, String transactionalId, BlockingQueue<PendingAppend> queue, CaptureMetrics metrics) {
        this.config = config;
        this.transactionalId = transactionalId;
        this.queue = queue;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "kafka-" + transactionalId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean healthy() {
        return healthy;
    }

    private void run() {
        while (running) {
            List<PendingAppend> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                break;
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
        Rejection stopping = Rejection.unavailable("stopping", "Capture is stopping; retry.");
        for (PendingAppend left = queue.poll(); left != null; left = queue.poll()) {
            left.done().completeExceptionally(stopping);
        }
        closeProducer(Duration.ofSeconds(5));
    }

    /** The requests of the next transaction: the first to arrive, and all that are waiting, not past their deadline. */
    private List<PendingAppend> nextBatch() throws InterruptedException {
        PendingAppend first = queue.poll(200, TimeUnit.MILLISECONDS);
        List<PendingAppend> batch = new ArrayList<>();
        int events = 0;
        for (PendingAppend pending = first; pending != null; pending = events < MAX_EVENTS_PER_TRANSACTION ? queue.poll() : null) {
            if (System.nanoTime() > pending.deadlineNanos()) {
                pending.done().completeExceptionally(Rejection.unavailable("kafka_timeout", "Kafka did not take the events in time; retry."));
            } else {
                batch.add(pending);
                events += pending.events().size();
            }
        }
        return batch;
    }

    private void commit(List<PendingAppend> batch) {
        long started = System.nanoTime();
        boolean began = false;
        try {
            ensureProducer();
            producer.beginTransaction();
            began = true;
            for (PendingAppend pending : batch) {
                for (CapturedEvent event : pending.events()) {
                    producer.send(new ProducerRecord<>(config.kafkaTopic(), event.key(), event.envelope()));
                }
            }
            producer.commitTransaction();
            metrics.committed(batch.stream().mapToInt(pending -> pending.events().size()).sum(), System.nanoTime() - started);
            if (!healthy) {
                LOG.info("Kafka takes events again ({})", transactionalId);
            }
            healthy = true;
            batch.forEach(pending -> pending.done().complete(null));
        } catch (KafkaException | IllegalStateException e) {
            // commitTransaction's outcome may be unknown (a timeout): a new producer with the same id fences the old
            // one and aborts whatever it left open, so each request is stored whole or not at all.
            if (healthy) {
                LOG.warn("Kafka refused a transaction of {} requests ({}): {}; they are answered 503", batch.size(), transactionalId, e.toString());
            }
            healthy = false;
            abortQuietly(began);
            closeProducer(Duration.ZERO);
            Rejection unavailable = Rejection.unavailable("kafka_unavailable", "Kafka did not take the events; retry.");
            batch.forEach(pending -> pending.done().completeExceptionally(unavailable));
            pause();
        }
    }

    private void ensureProducer() {
        if (producer == null) {
            KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(properties());
            try {
                created.initTransactions();
            } catch (KafkaException | IllegalStateException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
    }

    private Properties properties() {
        long timeoutMs = config.kafkaTimeout().toMillis();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // commitTransaction sends whatever is left at once, so a long linger costs no latency; it only keeps the
        // producer from sending a transaction's first records in small batches while the rest are still appended.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1_000);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Every blocking call (metadata, buffer space, commit) and every delivery ends within the request's budget.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeoutMs / 2));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    private void abortQuietly(boolean began) {
        if (began && producer != null) {
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException e) {
                // the producer is replaced below; fencing aborts the transaction instead
            }
        }
    }

    private void closeProducer(Duration wait) {
        if (producer != null) {
            try {
                producer.close(wait);
            } catch (KafkaException e) {
                LOG.debug("Closing the producer failed: {}", e.toString());
            }
            producer = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Finishes the transaction under way (the requests in it are answered), then stops. */
    void stop() {
        running = false;
        try {
            thread.join(config.kafkaTimeout().toMillis() * 2 + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
