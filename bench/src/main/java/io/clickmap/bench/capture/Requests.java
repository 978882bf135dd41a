package io.clickmap.bench.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.loadgen.ClickGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies as posthog-js sends them — {@code {"api_key", "batch": [...], "sent_at"}}, gzipped — built
 * once before a run so that the client's cost is sending, not generating. Handed out round robin.
 */
final class Requests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<byte[]> bodies;
    private final List<List<byte[]>> events;
    private final int eventsPerRequest;
    private final AtomicInteger next = new AtomicInteger();

    private Requests(List<byte[]> bodies, List<List<byte[]>> events, int eventsPerRequest) {
        this.bodies = bodies;
        this.events = events;
        this.eventsPerRequest = eventsPerRequest;
    }

    static Requests posthogBatches(int distinct, int eventsPerRequest, long seed) {
        ClickGenerator generator = new ClickGenerator(ClickGenerator.Options.defaults().withTeam(0, CaptureBenchmark.TOKEN).withSeed(seed),
                Clock.systemUTC());
        List<byte[]> bodies = new ArrayList<>(distinct);
        List<List<byte[]>> events = new ArrayList<>(distinct);
        try {
            for (int i = 0; i < distinct; i++) {
                ObjectNode body = JSON.createObjectNode().put("api_key", CaptureBenchmark.TOKEN).put("sent_at", Instant.now().toString());
                ArrayNode batch = body.putArray("batch");
                List<byte[]> messages = new ArrayList<>(eventsPerRequest);
                for (int e = 0; e < eventsPerRequest; e++) {
                    byte[] message = generator.next().message();
                    messages.add(message);
                    batch.add(JSON.readTree(message));
                }
                bodies.add(gzip(JSON.writeValueAsBytes(body)));
                events.add(messages);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Requests(bodies, events, eventsPerRequest);
    }

    byte[] next() {
        return bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
    }

    int eventsPerRequest() {
        return eventsPerRequest;
    }

    /** The events of the bodies, as JSON, for writing the same envelopes to Kafka directly. */
    List<List<byte[]>> events() {
        return events;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
