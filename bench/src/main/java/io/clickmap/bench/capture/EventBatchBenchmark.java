package io.clickmap.bench.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.capture.batch.Arrival;
import io.clickmap.capture.batch.CapturedEvent;
import io.clickmap.capture.batch.EventBatch;
import io.clickmap.loadgen.ClickGenerator;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capture's own work on a decoded body, on one thread: reading a posthog-js batch of 50 clicks and writing
 * their 50 envelopes (no HTTP, no gzip, no Kafka). Time per batch ÷ 50 is the per-event share of
 * capture's CPU that its request threads spend here. Results: BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventBatchBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private byte[] body;
    private Arrival arrival;

    @Setup
    public void build() throws IOException {
        ClickGenerator generator = new ClickGenerator(ClickGenerator.Options.defaults().withTeam(0, CaptureBenchmark.TOKEN), Clock.systemUTC());
        ObjectNode batch = JSON.createObjectNode().put("api_key", CaptureBenchmark.TOKEN).put("sent_at", Instant.now().toString());
        ArrayNode events = batch.putArray("batch");
        for (int i = 0; i < 50; i++) {
            events.add(JSON.readTree(generator.next().message()));
        }
        body = JSON.writeValueAsBytes(batch);
        arrival = new Arrival("203.0.113.7", "http://localhost:8010", Instant.now(), null);
    }

    @Benchmark
    public List<CapturedEvent> readBatchOf50() {
        return EventBatch.read(body, arrival, token -> true);
    }
}
