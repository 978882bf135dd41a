package io.clickmap.bench.capture;

import io.clickmap.bench.JarProcess;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.testing.ClickHouseServer;
import io.clickmap.testing.KafkaBroker;
import io.clickmap.testing.KafkaExtension;
import io.clickmap.testing.SharedServers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capture's benchmarks of BENCHMARKS.md, on a real Kafka broker (in this JVM, as for ingest's) and a real
 * ClickHouse (Debian's binary, for the environments table), with capture — and for the pipeline runs ingest —
 * as child processes so that their CPU time and heap are their own: throughput of posthog-js-shaped gzip
 * batches of 50 and of single-event requests, latency at half the batch peak, Kafka's own producer on the
 * same envelopes as the limit, and capture → Kafka → ingest → queryable (throughput and freshness).
 * Prints a markdown report, also written to {@code bench/target/capture-bench.md}.
 */
public final class CaptureBenchmark {
    static final String TOKEN = "phc_clickmap_local";
    private static final String DATABASE = "bench_capture";
    private static final int PARTITIONS = 4;
    private static final String INSERT_SECONDS = "clickmap_ingest_insert_seconds";
    /**
     * Requests in flight in the closed loops. Capture groups the requests waiting for each sender into one Kafka
     * transaction, so its rate follows how many wait: with 32 the machine had a third of a core idle (transaction
     * round trips, not CPU, bounded it); a capture host in front of many pages has more. Set it with
     * {@code -Dcapture.bench.in-flight=N} to compare.
     */
    private static final int IN_FLIGHT = Integer.getInteger("capture.bench.in-flight", 64);

    private final String captureJar;
    private final String ingestJar;
    private final Path workDir;
    private final int seconds;
    private final ClickHouseServer clickHouse = SharedServers.clickHouse();
    private final KafkaBroker kafka = SharedServers.kafka();
    private final ClickHouseSql sql;
    private final KafkaExtension topics = new KafkaExtension();
    private final List<String> report = new ArrayList<>();

    private CaptureBenchmark(String captureJar, String ingestJar, Path workDir, int seconds) {
        this.captureJar = captureJar;
        this.ingestJar = ingestJar;
        this.workDir = workDir;
        this.seconds = seconds;
        this.sql = new ClickHouseSql(ClickHouseClients.create(new ClickHouseConfig(clickHouse.httpUrl(), DATABASE, clickHouse.user(), clickHouse.password())));
        Migrations.apply(sql, DATABASE);
        sql.execute("INSERT INTO environments (id, name, token, created_at, deleted, version) VALUES (1, 'Bench', '" + TOKEN + "', now(), 0, 1)");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CaptureBenchmark <clickmap-capture.jar> <clickmap-ingest.jar> [seconds per phase, default 20] [phases: alone,netty,pipeline (the default: all three)]");
            System.exit(2);
        }
        Path workDir = Files.createDirectories(Path.of("bench", "target", "capture-bench"));
        CaptureBenchmark bench = new CaptureBenchmark(args[0], args[1], workDir, args.length > 2 ? Integer.parseInt(args[2]) : 20);
        bench.line("# Capture benchmark, %s (%d cores, %s)", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"));
        List<String> phases = List.of((args.length > 3 ? args[3] : "alone,netty,pipeline").split(","));
        if (phases.contains("alone")) {
            bench.captureAlone();
        }
        if (phases.contains("netty")) {
            bench.plainNetty();
        }
        if (phases.contains("pipeline")) {
            bench.pipeline();
        }
        Path out = Path.of("bench", "target", "capture-bench.md");
        Files.writeString(out, String.join("\n", bench.report) + "\n");
        System.out.println("\nReport written to " + out);
        System.exit(0);
    }

    /** Capture with Kafka only: batches, single events, latency at half the batch peak, and Kafka's own producer. */
    private void captureAlone() throws Exception {
        String topic = topics.newTopic("bench-capture", PARTITIONS);
        JarProcess capture = startCapture(topic, "capture-alone");
        Requests batches = Requests.posthogBatches(400, 50, 1);
        Requests singles = Requests.posthogBatches(2_000, 1, 2);
        Load load = new Load(capture.port());

        String warmUp = warmUp(capture, load, batches);
        Measured batches50 = closedLoop(capture, load, batches);
        Load.Result batched = batches50.result();
        line("## Capture alone (Kafka in the benchmark's JVM, same 2 cores)");
        line("- warm-up: %s", warmUp);
        line("- gzip batches of 50 posthog-js events, %d requests in flight, %d s: **%,.0f events/s** (%,.0f requests/s), "
                        + "**%.1f µs CPU per event** in capture (%.2f cores), request latency p50 %.1f ms, p99 %.1f ms; %,d refused",
                IN_FLIGHT, seconds, batched.eventsPerSecond(), batched.requestsPerSecond(), batches50.cpuMicrosPerEvent(), batches50.cores(),
                batched.percentileMillis(50), batched.percentileMillis(99), batched.refused());
        line("  - meanwhile: %s", batches50.machine());

        Measured singleEvents = closedLoop(capture, load, singles);
        Load.Result single = singleEvents.result();
        line("- single-event requests (gzip, as posthog-js sends one event), %d in flight: **%,.0f events/s**, %.1f µs CPU per event, "
                + "p50 %.1f ms, p99 %.1f ms; %,d refused", IN_FLIGHT, single.eventsPerSecond(), singleEvents.cpuMicrosPerEvent(),
                single.percentileMillis(50), single.percentileMillis(99), single.refused());

        double halfRate = batched.requestsPerSecond() / 2;
        Load.Result half = load.openLoop(batches, halfRate, seconds);
        line("- at half the batch peak (%,.0f requests/s, %,.0f events/s, open loop): p50 %.1f ms, **p99 %.1f ms**, max %.1f ms; %,d refused",
                halfRate, half.eventsPerSecond(), half.percentileMillis(50), half.percentileMillis(99), half.percentileMillis(100), half.refused());
        line("- capture's heap: peak %d MiB of -Xmx256m before a collection (GC log), RSS %d MiB", capture.peakHeapMiB(), capture.peakRssMiB());
        capture.stop();

        CpuSplit beforeOwn = CpuSplit.now();
        double own = KafkaOwnRate.measure(kafka.bootstrapServers(), topics.newTopic("bench-kafka-own", PARTITIONS), batches, 1_000_000);
        String ownCpu = CpuSplit.now().since(beforeOwn);
        line("- Kafka's own producer, the same envelopes (acks=all, idempotent, lz4, 1,000,000 events from the benchmark's JVM): "
                + "%,.0f events/s; capture reaches **%.2f×** of it", own, batched.eventsPerSecond() / own);
        line("  - meanwhile (the producer's threads are among the rest): %s", ownCpu);
    }

    /**
     * The same measurements with capture's request path behind a bare Netty server ({@link PlainNettyCapture})
     * instead of Micronaut: what the framework costs per request and per event.
     */
    private void plainNetty() throws Exception {
        String topic = topics.newTopic("bench-netty", PARTITIONS);
        Map<String, String> environment = clickHouseEnvironment();
        int port = freePort();
        environment.put("PORT", String.valueOf(port));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("KAFKA_TOPIC", topic);
        JarProcess netty = JarProcess.mainClass(benchJar(), PlainNettyCapture.class.getName(), environment, port, workDir, "plain-netty");
        netty.awaitHealthy();
        Requests batches = Requests.posthogBatches(400, 50, 1);
        Requests singles = Requests.posthogBatches(2_000, 1, 2);
        Load load = new Load(port);
        String warmUp = warmUp(netty, load, batches);
        Measured batches50 = closedLoop(netty, load, batches);
        Measured singleEvents = closedLoop(netty, load, singles);
        Load.Result batched = batches50.result();
        Load.Result single = singleEvents.result();
        line("## The same request path on plain Netty (no Micronaut; only POST /e/, for comparison)");
        line("- warm-up: %s", warmUp);
        line("- gzip batches of 50, %d in flight, %d s: **%,.0f events/s**, **%.1f µs CPU per event**, p50 %.1f ms, p99 %.1f ms; %,d refused",
                IN_FLIGHT, seconds, batched.eventsPerSecond(), batches50.cpuMicrosPerEvent(), batched.percentileMillis(50), batched.percentileMillis(99),
                batched.refused());
        line("  - meanwhile: %s", batches50.machine());
        line("- single-event requests, %d in flight: **%,.0f events/s**, %.1f µs CPU per event, p50 %.1f ms, p99 %.1f ms; %,d refused",
                IN_FLIGHT, single.eventsPerSecond(), singleEvents.cpuMicrosPerEvent(), single.percentileMillis(50), single.percentileMillis(99), single.refused());
        netty.stop();
    }

    /** A closed loop's result and the CPU the serving process spent on it. */
    private record Measured(Load.Result result, double cpuSeconds, String machine) {
        double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / result.events();
        }

        double cores() {
            return cpuSeconds / result.seconds();
        }
    }

    /** {@link #IN_FLIGHT} requests in flight for the phase's seconds, with the CPU the process used meanwhile. */
    private Measured closedLoop(JarProcess process, Load load, Requests requests) throws InterruptedException {
        double cpu = process.cpuSeconds();
        CpuSplit split = CpuSplit.now();
        Load.Result result = load.closedLoop(requests, IN_FLIGHT, seconds);
        return new Measured(result, process.cpuSeconds() - cpu, CpuSplit.now().since(split));
    }

    /** The benchmark's own jar, which holds {@link PlainNettyCapture} and capture's classes. */
    private static String benchJar() {
        return Path.of(PlainNettyCapture.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    /**
     * Batches until capture's JIT compiler threads take under 5 % of its CPU over 5 s (at least 10 s, at most
     * 120 s), so that what is measured is compiled code; returns what it took.
     */
    private static String warmUp(JarProcess capture, Load load, Requests batches) throws InterruptedException {
        long started = System.nanoTime();
        double share = 1;
        int slices = 0;
        while (slices < 2 || share >= 0.05 && slices < 24) {
            JarProcess.Cpu before = capture.cpu();
            load.closedLoop(batches, IN_FLIGHT, 5);
            share = capture.compilerShareSince(before);
            slices++;
        }
        return String.format(Locale.ROOT, "%.0f s of batches, until the JIT compiler took %.1f %% of capture's CPU over the last 5 s",
                (System.nanoTime() - started) / 1e9, share * 100);
    }

    /** Capture → Kafka → ingest → ClickHouse: throughput of the whole path, then freshness at 10,000 events/s. */
    private void pipeline() throws Exception {
        String topic = topics.newTopic("bench-pipeline", PARTITIONS);
        JarProcess capture = startCapture(topic, "capture-pipeline");
        JarProcess ingest = startIngest(topic, "ingest-pipeline");
        Requests batches = Requests.posthogBatches(400, 50, 3);
        Load load = new Load(capture.port());
        // ingest warms up on the same events; what it stored meanwhile is not counted
        String warmUp = warmUp(capture, load, batches);
        awaitAllStored(capture);
        long before = stored();
        long started = System.nanoTime();
        Load.Result sent = load.closedLoop(batches, IN_FLIGHT, seconds);
        long accepted = awaitAllStored(capture) - before;
        double wall = (System.nanoTime() - started) / 1e9;
        line("## The whole pipeline (capture → Kafka → ingest → ClickHouse, all on the same 2 cores)");
        line("- warm-up: %s", warmUp);
        line("- %,d events in gzip batches of 50, %d requests in flight: accepted at %,.0f events/s; all stored after %.1f s: "
                + "**%,.0f events/s end to end**", accepted, IN_FLIGHT, sent.eventsPerSecond(), wall, accepted / wall);

        awaitAllStored(capture);
        Map<String, Long> insertsBefore = insertTimes(ingest);
        MergeSampler merges = MergeSampler.start(sql, DATABASE);
        Freshness.Result fresh = Freshness.measure(load, Requests.posthogBatches(200, 50, 4), 10_000, 60, this::stored);
        String merging = merges.stop();
        line("- freshness at 10,000 events/s for 60 s (capture's 200 → row counted in ClickHouse, polled every 50 ms): "
                + "p50 %d ms, **p99 %d ms**, max %d ms; %,d refused", fresh.p50Millis(), fresh.p99Millis(), fresh.maxMillis(), fresh.refused());
        line("  - ingest's inserts meanwhile, by duration: %s", insertTimes(insertsBefore, insertTimes(ingest)));
        line("  - ClickHouse meanwhile (sampled every 0.5 s): %s", merging);
        long all = awaitAllStored(capture);
        // the load sends the same prepared bodies again and again, so uuids repeat by design: the count is what tells
        line("- nothing lost or doubled: capture answered 200 for %,d events, `count()` = %,d", all, stored());
        ingest.stop();
        capture.stop();
    }

    /**
     * Waits until ingest has stored every event capture has answered 200 for so far (its /metrics), at most five minutes,
     * and returns that number. A pause in the stored count is no sign: behind a fast capture, ingest may stall on a
     * busy ClickHouse for seconds with a backlog that would then be counted by the next phase.
     */
    private long awaitAllStored(JarProcess capture) throws Exception {
        long accepted = acceptedBy(capture);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (stored() < accepted && System.nanoTime() < deadline) {
            JarProcess.sleep(200);
        }
        return accepted;
    }

    /** Ingest's insert-duration histogram ({@code clickmap_ingest_insert_seconds}) as /metrics gives it: upper bound → inserts up to it. */
    private static Map<String, Long> insertTimes(JarProcess ingest) throws Exception {
        Map<String, Long> cumulative = new LinkedHashMap<>();
        metrics(ingest).lines().filter(line -> line.startsWith(INSERT_SECONDS + "_bucket{le=\"")).forEach(line -> cumulative.put(
                line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')), (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
        return cumulative;
    }

    /** The inserts between two readings, per duration range: "≤ 0.01 s: 3, 0.25–0.5 s: 12, 5–+Inf s: 1". */
    private static String insertTimes(Map<String, Long> before, Map<String, Long> after) {
        List<String> ranges = new ArrayList<>();
        String lower = null;
        long below = 0;
        for (Map.Entry<String, Long> bucket : after.entrySet()) {
            long upTo = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
            if (upTo > below) {
                ranges.add((lower == null ? "≤ " : lower + "–") + bucket.getKey() + " s: " + (upTo - below));
            }
            below = upTo;
            lower = bucket.getKey();
        }
        return ranges.isEmpty() ? "none" : String.join(", ", ranges);
    }

    private static String metrics(JarProcess process) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + process.port() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long acceptedBy(JarProcess capture) throws Exception {
        return metrics(capture).lines().filter(line -> line.startsWith("clickmap_capture_events_accepted_total "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip())).findFirst()
                .orElseThrow(() -> new IllegalStateException("capture's /metrics has no accepted count"));
    }

    private long stored() {
        return sql.query("SELECT count() AS n FROM events", row -> row.get("n").asLong()).get(0);
    }

    private JarProcess startCapture(String topic, String name) throws Exception {
        Map<String, String> environment = clickHouseEnvironment();
        int port = freePort();
        environment.put("PORT", String.valueOf(port));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("KAFKA_TOPIC", topic);
        // e.g. -XX:StartFlightRecording=filename=capture.jfr to profile the capture process
        String profiling = System.getenv("BENCH_CAPTURE_JAVA_TOOL_OPTIONS");
        if (profiling != null) {
            environment.put("JAVA_TOOL_OPTIONS", profiling);
        }
        JarProcess capture = new JarProcess(captureJar, environment, port, workDir, name);
        capture.awaitHealthy();
        return capture;
    }

    private JarProcess startIngest(String topic, String name) throws Exception {
        Map<String, String> environment = clickHouseEnvironment();
        int port = freePort();
        environment.put("INGEST_STATUS_PORT", String.valueOf(port));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("KAFKA_TOPIC", topic);
        environment.put("KAFKA_GROUP", "bench-" + topic);
        environment.put("KAFKA_DEAD_LETTER_TOPIC", topic + "-dlq");
        JarProcess ingest = new JarProcess(ingestJar, environment, port, workDir, name);
        ingest.awaitHealthy();
        return ingest;
    }

    private Map<String, String> clickHouseEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CLICKHOUSE_URL", clickHouse.httpUrl());
        environment.put("CLICKHOUSE_USER", clickHouse.user());
        environment.put("CLICKHOUSE_PASSWORD", clickHouse.password());
        environment.put("CLICKHOUSE_DATABASE", DATABASE);
        return environment;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }
}
