package io.clickmap.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Clicks written to a topic, keyed by distinct_id so one user's events keep their order. */
public final class KafkaSink implements ClickSink {
    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public KafkaSink(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void send(ClickGenerator.Click click, IntConsumer onFailed) {
        producer.send(new ProducerRecord<>(topic, click.distinctId().getBytes(StandardCharsets.UTF_8), click.message()),
                (metadata, failure) -> {
                    if (failure != null) {
                        onFailed.accept(1);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
    }

}
