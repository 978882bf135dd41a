package io.clickmap.bench.ingest;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.clickmap.bench.JarProcess;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.loadgen.ClickGenerator;
import io.clickmap.loadgen.KafkaSink;
import io.clickmap.loadgen.LoadGenerator;
import io.clickmap.testing.ClickHouseServer;
import io.clickmap.testing.KafkaBroker;
import io.clickmap.testing.KafkaExtension;
import io.clickmap.testing.SharedServers;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The ingest benchmarks and fault runs of BENCHMARKS.md, against a real ClickHouse (Debian's binary,
 * as the tests start it) and a real Kafka broker (in this JVM), with ingest as a child process:
 * {@code throughput [events]} (with ClickHouse's own insert rate for the same rows, and freshness at
 * 10,000 events/s) and {@code kill [events] [kills]}. Prints a markdown report, also written to
 * {@code bench/target/}.
 */
public final class IngestBenchmark {
    private static final String DATABASE = "bench_ingest";
    private static final int PARTITIONS = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTITIONS", "4"));
    private static final List<String> COLUMNS = List.of("uuid", "team_id", "event", "timestamp", "distinct_id", "current_url",
            "elements_chain", "properties", "property_keys", "property_values", "kafka_topic", "kafka_partition", "kafka_offset");

    private final String ingestJar;
    private final Path workDir;
    private final ClickHouseServer clickHouse = SharedServers.clickHouse();
    private final KafkaBroker kafka = SharedServers.kafka();
    private final Client client;
    private final ClickHouseSql sql;
    private final KafkaExtension topics = new KafkaExtension();
    private final List<String> report = new ArrayList<>();

    private IngestBenchmark(String ingestJar, Path workDir) {
        this.ingestJar = ingestJar;
        this.workDir = workDir;
        this.client = ClickHouseClients.create(config(DATABASE));
        this.sql = new ClickHouseSql(client);
        Migrations.apply(sql, DATABASE);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: IngestBenchmark <clickmap-ingest.jar> throughput|kill [events] [kills]");
            System.exit(2);
        }
        Path workDir = Files.createDirectories(Path.of("bench", "target", "ingest-bench"));
        IngestBenchmark bench = new IngestBenchmark(args[0], workDir);
        long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        switch (args[1]) {
            case "throughput" -> {
                bench.throughput(events);
                bench.freshness(10_000, 60);
            }
            case "freshness" -> bench.freshness(10_000, 60);
            case "kill" -> bench.kill(events, args.length > 3 ? Integer.parseInt(args[3]) : 10);
            default -> throw new IllegalArgumentException("unknown run " + args[1]);
        }
        bench.write(workDir.resolve(args[1] + ".md"));
        System.exit(0);
    }

    private void throughput(long events) throws Exception {
        String topic = topic("throughput");
        line("## Ingest throughput, %s, %,d events, %d partitions", LocalDate.now(), events, PARTITIONS);
        LoadGenerator.Summary produced = produce(topic, events, 0);
        line("- produced %,d events (%,.0f MB, avg %,.0f bytes) at %,.0f events/s before ingest started",
                produced.sent(), produced.bytes() / 1e6, produced.bytes() / (double) produced.sent(), produced.eventsPerSecond());

        awaitNoMerges();
        JarProcess ingest = startIngest(topic, "throughput");
        long started = System.nanoTime();
        double cpuAtStart = ingest.cpuSeconds();
        long firstRowAt = 0;
        long stored = 0;
        while (stored < events) {
            JarProcess.sleep(200);
            stored = count(topic);
            if (stored > 0 && firstRowAt == 0) {
                firstRowAt = System.nanoTime();
            }
            System.err.printf(Locale.ROOT, "\r  stored %,d / %,d", stored, events);
        }
        long done = System.nanoTime();
        System.err.println();
        double cpu = ingest.cpuSeconds() - cpuAtStart;
        double seconds = (done - started) / 1e9;
        double steadySeconds = (done - firstRowAt) / 1e9;
        line("- end to end: all %,d queryable after %.1f s: **%,.0f events/s** (%,.0f events/s from the first stored row)",
                events, seconds, events / seconds, events / steadySeconds);
        line("- ingest CPU: %.1f s user+system: **%.1f µs per event**", cpu, cpu * 1e6 / events);
        line("- ingest memory: -Xmx256m; peak heap before a GC %d MiB; peak RSS %d MiB", ingest.peakHeapMiB(), ingest.peakRssMiB());
        line("- stop (SIGTERM): %s", ingest.stop());
        line("- exactly once: %s", countAndUnique(topic));
        clickHouseOwnRate(topic, events, events / seconds);
    }

    /** The same rows inserted by ClickHouse itself from a RowBinary file, blocks of 50,000 rows, same table and views. */
    private void clickHouseOwnRate(String topic, long events, double ingestRate) throws Exception {
        Path rows = workDir.resolve("rows.bin");
        try (QueryResponse response = client.query("SELECT " + String.join(", ", COLUMNS) + " FROM events WHERE kafka_topic = '"
                + topic + "' FORMAT RowBinary").get(); InputStream body = response.getInputStream()) {
            Files.copy(body, rows, StandardCopyOption.REPLACE_EXISTING);
        }
        String copy = DATABASE + "_copy";
        sql.execute("DROP DATABASE IF EXISTS " + copy);
        Migrations.apply(sql, copy);
        awaitNoMerges();
        InsertSettings settings = new InsertSettings();
        settings.serverSetting("max_insert_block_size", "50000");
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(rows)) {
            client.insert(copy + ".events_landing", COLUMNS, in, ClickHouseFormat.RowBinary, settings).get().close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = events / seconds;
        line("- ClickHouse's own insert of the same rows (%,.0f MB RowBinary, 50,000-row blocks, with the rollup views): %.1f s, "
                + "**%,.0f events/s**; ingest reaches **%.2f×** of it", Files.size(rows) / 1e6, seconds, rate, ingestRate / rate);
        sql.execute("DROP DATABASE " + copy);
        Files.delete(rows);
    }

    /** Produce at a steady rate with ingest caught up; latency from hand-over to the producer until the row is counted. */
    /**
     * Events at a steady rate, each timed from its hand-over to the producer to the first poll that counts it.
     * Measured after a warm-up at the same rate (until ingest's JIT compiler threads take under 5 % of its CPU
     * over 10 s, 30–180 s): measured straight after start, a loaded 2-core machine measures half-compiled code.
     */
    private void freshness(int rate, int seconds) throws Exception {
        String topic = topic("freshness");
        JarProcess ingest = startIngest(topic, "freshness");
        long warmStarted = System.nanoTime();
        long warmEvents = 0;
        double share = 1;
        while (warmEvents < rate * 30L || share >= 0.05 && warmEvents < rate * 180L) {
            JarProcess.Cpu before = ingest.cpu();
            // seeds of their own: the measured events must not repeat the warm-up's uuids
            produce(topic, rate * 10, rate, (click, at) -> { }, topic.hashCode() + 1 + warmEvents);
            warmEvents += rate * 10L;
            share = ingest.compilerShareSince(before);
        }
        while (count(topic) < warmEvents) {
            JarProcess.sleep(100);
        }
        line("## Freshness, %s: %,d events/s for %d s", LocalDate.now(), rate, seconds);
        line("- warm-up: %.0f s at the same rate, until the JIT compiler took %.1f %% of ingest's CPU over the last 10 s",
                (System.nanoTime() - warmStarted) / 1e9, share * 100);
        long before = warmEvents;
        int events = rate * seconds;
        long[] sentAt = new long[events];
        List<long[]> polls = new ArrayList<>();
        Thread poller = new Thread(() -> {
            long seen = 0;
            while (seen < events) {
                seen = count(topic) - before;
                synchronized (polls) {
                    polls.add(new long[] {System.nanoTime(), seen});
                }
                JarProcess.sleep(50);
            }
        });
        poller.start();
        int[] index = {0};
        produce(topic, events, rate, (click, at) -> sentAt[index[0]++] = at);
        poller.join();
        String inserts = insertTimes(ingest.port());
        ingest.stop();
        long[] latencies = new long[events];
        int poll = 0;
        for (int i = 0; i < events; i++) {
            while (polls.get(poll)[1] <= i) {
                poll++;
            }
            latencies[i] = polls.get(poll)[0] - sentAt[i];
        }
        Arrays.sort(latencies);
        line("- produce → queryable: p50 %d ms, **p99 %d ms**, max %d ms (counted by polling every 50 ms, so up to ~60 ms late)",
                latencies[events / 2] / 1_000_000, latencies[events * 99 / 100] / 1_000_000, latencies[events - 1] / 1_000_000);
        line("- exactly once: %s", countAndUnique(topic));
        line("- ingest's inserts, warm-up included (its /metrics): %s", inserts);
    }

    /** Ingest's insert count, mean rows and time, and the histogram buckets its p50 and p99 fall in. */
    private static String insertTimes(int statusPort) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> buckets = new LinkedHashMap<>();
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("clickmap_ingest_insert_seconds_bucket{le=\"")) {
                buckets.put(line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            } else if (line.startsWith("clickmap_ingest_") && !line.contains("{") && !line.startsWith("#")) {
                values.put(line.substring(0, line.indexOf(' ')), Double.parseDouble(line.substring(line.indexOf(' ') + 1)));
            }
        }
        double count = values.getOrDefault("clickmap_ingest_insert_seconds_count", 0.0);
        return String.format(Locale.ROOT, "%,.0f inserts of %,.0f rows on average, %.0f ms on average, p50 ≤ %s s, p99 ≤ %s s", count,
                values.getOrDefault("clickmap_ingest_batch_rows_sum", 0.0) / Math.max(1, count),
                values.getOrDefault("clickmap_ingest_insert_seconds_sum", 0.0) * 1000 / Math.max(1, count),
                bucketOf(buckets, count * 0.5), bucketOf(buckets, count * 0.99));
    }

    private static String bucketOf(Map<String, Double> cumulative, double rank) {
        return cumulative.entrySet().stream().filter(bucket -> bucket.getValue() >= rank).map(Map.Entry::getKey).findFirst().orElse("?");
    }

    /** SIGKILL the ingest process at random moments while events stream in; then every event must be there once. */
    private void kill(long events, int kills) throws Exception {
        String topic = topic("kill");
        line("## Kill test, %s: %,d events, ingest SIGKILLed %d times", LocalDate.now(), events, kills);
        // slow enough that every kill lands while events still stream in
        Thread producer = new Thread(() -> produce(topic, events, 10_000));
        producer.start();
        for (int k = 1; k <= kills; k++) {
            // the same instance name each time (static membership): the restarted process gets the partitions at once
            JarProcess ingest = startIngest(topic, "kill", Map.of("KAFKA_GROUP_INSTANCE_ID", "bench-kill"));
            long before = count(topic);
            while (count(topic) == before && before < events) {
                JarProcess.sleep(100);
            }
            // a random moment while it is storing: mid-insert, between insert and commit, or mid-poll
            JarProcess.sleep(ThreadLocalRandom.current().nextLong(0, 3_000));
            ingest.kill();
            System.err.printf(Locale.ROOT, "  kill %d: %,d rows stored so far%n", k, count(topic));
        }
        producer.join();
        JarProcess survivor = startIngest(topic, "kill", Map.of("KAFKA_GROUP_INSTANCE_ID", "bench-kill"));
        long stored = -1;
        long previous = -2;
        while (stored != previous || stored < events) {
            previous = stored;
            JarProcess.sleep(3_000);
            stored = count(topic);
            System.err.printf(Locale.ROOT, "  %,d rows stored%n", stored);
        }
        survivor.stop();
        line("- produced %,d; stored: %s", events, countAndUnique(topic));
    }

    private JarProcess startIngest(String topic, String name) throws Exception {
        return startIngest(topic, name, Map.of());
    }

    private JarProcess startIngest(String topic, String name, Map<String, String> extra) throws Exception {
        Map<String, String> environment = new HashMap<>(extra);
        // batching settings given to the benchmark (INGEST_BATCH_ROWS, INGEST_BATCH_BYTES, INGEST_LINGER_MS) go to ingest
        System.getenv().forEach((variable, value) -> {
            if (variable.startsWith("INGEST_BATCH_") || variable.equals("INGEST_LINGER_MS")) {
                environment.put(variable, value);
            }
        });
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("KAFKA_TOPIC", topic);
        environment.put("KAFKA_GROUP", "bench-" + topic);
        environment.put("KAFKA_DEAD_LETTER_TOPIC", topic + "-dlq");
        environment.put("CLICKHOUSE_URL", clickHouse.httpUrl());
        environment.put("CLICKHOUSE_USER", clickHouse.user());
        environment.put("CLICKHOUSE_PASSWORD", clickHouse.password());
        environment.put("CLICKHOUSE_DATABASE", DATABASE);
        environment.put("INGEST_ENVIRONMENTS", "1:phc_clickmap_local");
        // e.g. -XX:StartFlightRecording=filename=ingest.jfr to profile the ingest process
        String profiling = System.getenv("BENCH_INGEST_JAVA_TOOL_OPTIONS");
        if (profiling != null) {
            environment.put("JAVA_TOOL_OPTIONS", profiling);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        environment.put("INGEST_STATUS_PORT", String.valueOf(port));
        JarProcess ingest = new JarProcess(ingestJar, environment, port, workDir, name);
        ingest.awaitHealthy();
        return ingest;
    }

    private LoadGenerator.Summary produce(String topic, long events, double rate) {
        return produce(topic, events, rate, (click, at) -> { });
    }

    private LoadGenerator.Summary produce(String topic, long events, double rate, ObjLongConsumer<ClickGenerator.Click> onSent) {
        return produce(topic, events, rate, onSent, topic.hashCode());
    }

    private LoadGenerator.Summary produce(String topic, long events, double rate, ObjLongConsumer<ClickGenerator.Click> onSent, long seed) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(kafka.bootstrapServers()))) {
            return new LoadGenerator(new KafkaSink(producer, topic)).run(new ClickGenerator(ClickGenerator.Options.defaults().withSeed(seed), Clock.systemUTC()),
                    events, rate, onSent, System.err);
        }
    }

    private String topic(String purpose) {
        return topics.newTopic("bench-" + purpose, PARTITIONS);
    }

    /** Lets the merges of earlier inserts finish, so they do not slow the measurement that follows (at most a minute). */
    private void awaitNoMerges() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline
                && sql.query("SELECT count() AS n FROM system.merges", row -> row.get("n").asLong()).get(0) > 0) {
            JarProcess.sleep(500);
        }
    }

    private long count(String topic) {
        return sql.query("SELECT count() AS n FROM events WHERE kafka_topic = '" + topic + "'", row -> row.get("n").asLong()).get(0);
    }

    private String countAndUnique(String topic) {
        return sql.query("SELECT count() AS n, uniqExact(uuid) AS u FROM events WHERE kafka_topic = '" + topic + "'",
                row -> String.format(Locale.ROOT, "`count()` = %d, `uniqExact(uuid)` = %d", row.get("n").asLong(), row.get("u").asLong())).get(0);
    }

    private ClickHouseConfig config(String database) {
        return new ClickHouseConfig(clickHouse.httpUrl(), database, clickHouse.user(), clickHouse.password());
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }

    private void write(Path file) throws Exception {
        Files.writeString(file, String.join("\n", report) + "\n");
        System.out.println("(report written to " + file + ")");
    }
}
