package io.clickmap.bench.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The limit capture is compared with: Kafka's own producer writing the same envelopes capture writes, with the
 * same delivery settings (acks=all, idempotent, lz4), as fast as it can.
 */
final class KafkaOwnRate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaOwnRate() {
    }

    static double measure(String bootstrapServers, String topic, Requests requests, int events) throws IOException {
        List<byte[][]> records = new ArrayList<>();
        for (List<byte[]> batch : requests.events()) {
            for (byte[] event : batch) {
                records.add(envelope(event));
            }
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            long started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                byte[][] record = records.get(i % records.size());
                producer.send(new ProducerRecord<>(topic, record[0], record[1]));
            }
            producer.flush();
            return events / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Key and value as capture writes them for this event. */
    private static byte[][] envelope(byte[] event) throws IOException {
        JsonNode tree = JSON.readTree(event);
        String distinctId = tree.get("distinct_id").asText();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(event.length + 256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("uuid", tree.get("uuid").asText());
            out.writeStringField("distinct_id", distinctId);
            out.writeStringField("ip", "127.0.0.1");
            out.writeStringField("site_url", "http://127.0.0.1");
            out.writeStringField("now", Instant.now().toString());
            out.writeStringField("sent_at", Instant.now().toString());
            out.writeStringField("token", CaptureBenchmark.TOKEN);
            out.writeStringField("data", new String(event, StandardCharsets.UTF_8));
            out.writeEndObject();
        }
        return new byte[][] {distinctId.getBytes(StandardCharsets.UTF_8), bytes.toByteArray()};
    }
}
