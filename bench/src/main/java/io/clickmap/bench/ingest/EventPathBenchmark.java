package io.clickmap.bench.ingest;

import io.clickmap.event.ConfiguredEnvironments;
import io.clickmap.event.EventReader;
import io.clickmap.event.ReadResult;
import io.clickmap.event.Source;
import io.clickmap.ingest.store.EventBatch;
import io.clickmap.loadgen.ClickGenerator;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The consumer's own work per event, without Kafka or ClickHouse: read and validate a
 * posthog-js-shaped message, then encode it as a RowBinary row. Nanoseconds per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventPathBenchmark {
    private static final int MESSAGES = 4_096;

    @Param({"PLAIN", "ENVELOPE"})
    public ClickGenerator.Shape shape;

    private byte[][] messages;
    private EventReader reader;
    private EventBatch batch;
    private int next;

    @Setup
    public void setUp() {
        ClickGenerator generator = new ClickGenerator(ClickGenerator.Options.defaults().withShape(shape).withTeam(0, "phc_clickmap_local"),
                Clock.systemUTC());
        messages = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = generator.next().message();
        }
        reader = new EventReader(new ConfiguredEnvironments(Map.of(1L, "phc_clickmap_local")));
        batch = new EventBatch("bench", 0, 202611);
    }

    @Benchmark
    public ReadResult read() {
        return reader.read(messages[next++ & (MESSAGES - 1)], new Source("bench", 0, next, 0));
    }

    @Benchmark
    public int readAndEncode() {
        Source source = new Source("bench", 0, next, 0);
        ReadResult result = reader.read(messages[next++ & (MESSAGES - 1)], source);
        if (batch.count() > 10_000) {
            batch = new EventBatch("bench", 0, 202611);
        }
        batch.add(((ReadResult.Accepted) result).event(), source);
        return batch.bytes();
    }
}
