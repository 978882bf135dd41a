package io.clickmap.bench.cluster;

import com.clickhouse.client.api.Client;
import io.clickmap.bench.JarProcess;
import io.clickmap.bench.stats.LatencyProbe;
import io.clickmap.bench.stats.ServiceProcess;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.loadgen.ClickGenerator;
import io.clickmap.loadgen.KafkaSink;
import io.clickmap.loadgen.LoadGenerator;
import io.clickmap.local.ClickHouseCluster;
import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.Ports;
import io.clickmap.local.WatchedProcess;
import io.clickmap.testing.KafkaBroker;
import io.clickmap.testing.KafkaExtension;
import io.clickmap.testing.SharedServers;
import io.clickmap.testing.TempDirs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One ClickHouse server against two shards (one replica each, then two) on the same machine: ingest's rate into each
 * (the ingest jar, from the same Kafka topic) and the stats API's 30-day element stats p50/p99 over what it stored
 * (the stats-api jar, response cache off). The same cores serve every layout, so the figures show the cluster's
 * overhead, not its speed-up (docs/cluster.md argues the scaling). Report: {@code bench/target/cluster-bench.md}.
 */
public final class ClusterBenchmark {
    private static final String DATABASE = "clickmap";
    private static final String CLUSTER = "clickmap";
    private static final String KEY = "phx_cluster_bench_key_0123456789";
    private static final String STATS = "/api/environments/1/elements/stats/?date_from=-30d&limit=100";
    private static final int PARTITIONS = 4;

    private record Layout(String name, int shards, int replicas) {
    }

    private record Result(Layout layout, double eventsPerSecond, double ingestMicrosPerEvent, String exactlyOnce, double p50, double p99,
                          String digest) {
    }

    private final String ingestJar;
    private final String statsJar;
    private final Path workDir;
    private final Path binary;
    private final KafkaBroker kafka = SharedServers.kafka();

    private ClusterBenchmark(String ingestJar, String statsJar, Path workDir) {
        this.ingestJar = ingestJar;
        this.statsJar = statsJar;
        this.workDir = workDir;
        this.binary = ClickHouseProcess.findBinary().orElseThrow(() -> new IllegalStateException("clickhouse-server is not installed"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ClusterBenchmark <clickmap-ingest.jar> <clickmap-stats-api.jar> [events, default 1000000]");
            System.exit(2);
        }
        long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Path workDir = Files.createDirectories(Path.of("bench", "target", "cluster-bench"));
        new ClusterBenchmark(args[0], args[1], workDir).run(events);
        System.exit(0);
    }

    private void run(long events) throws Exception {
        String topic = new KafkaExtension().newTopic("bench-cluster", PARTITIONS);
        System.err.printf(Locale.ROOT, "producing %,d events over 30 days%n", events);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(kafka.bootstrapServers()))) {
            new LoadGenerator(new KafkaSink(producer, topic)).run(new ClickGenerator(ClickGenerator.Options.defaults().withSeed(17)
                    .withSpread(Duration.ofDays(30)), Clock.systemUTC()), events, 0, (click, at) -> { }, System.err);
        }
        List<Result> results = new ArrayList<>();
        for (Layout layout : List.of(new Layout("one server", 1, 1), new Layout("2 shards × 1 replica", 2, 1),
                new Layout("2 shards × 2 replicas", 2, 2))) {
            System.err.println("== " + layout.name());
            results.add(measure(layout, topic, events));
        }
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "## One server vs two shards, %s, %,d events over 30 days, %d cores, ClickHouse 18.16",
                LocalDate.now(), events, Runtime.getRuntime().availableProcessors()));
        report.add("");
        report.add("| layout | ingest events/s | ingest CPU µs/event | exactly once | 30-day stats p50 | p99 | same answer as one server |");
        report.add("|---|---|---|---|---|---|---|");
        for (Result result : results) {
            report.add(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %s | %.1f ms | %.1f ms | %s |", result.layout().name(),
                    result.eventsPerSecond(), result.ingestMicrosPerEvent(), result.exactlyOnce(), result.p50(), result.p99(),
                    result.digest().equals(results.get(0).digest()) ? "yes" : "NO"));
        }
        report.add("");
        report.add("Ingest: the ingest jar reading the same topic (" + PARTITIONS + " partitions) with its own group, from start until "
                + "every event is queryable. Stats: `" + STATS + "`, 30 runs after 3 warm-ups, response cache off, after merges settled.");
        String text = String.join("\n", report) + "\n";
        Files.writeString(workDir.resolve("cluster-bench.md"), text);
        System.out.print(text);
    }

    private Result measure(Layout layout, String topic, long events) throws Exception {
        Path dir = Files.createTempDirectory(workDir, "layout");
        ClickHouseCluster cluster = layout.shards() * layout.replicas() == 1 ? null
                : new ClickHouseCluster(binary, dir, CLUSTER, layout.shards(), layout.replicas(), System.getProperty("java.class.path"),
                        WatchedProcess.Ending.KILL);
        ClickHouseProcess single = cluster != null ? null
                : new ClickHouseProcess(binary, new ClickHouseProcess.Layout(dir.resolve("data"), dir.resolve("logs"), Ports.free(), Ports.free()),
                        WatchedProcess.Ending.KILL);
        try {
            if (cluster != null) {
                cluster.start(Duration.ofSeconds(60));
            } else {
                single.start(Duration.ofSeconds(60));
            }
            String url = cluster != null ? cluster.server(1, 1).httpUrl() : single.httpUrl();
            String clusterName = cluster != null ? CLUSTER : "";
            Map<String, String> clickHouse = Map.of("CLICKHOUSE_URL", url, "CLICKHOUSE_DATABASE", DATABASE, "CLICKHOUSE_CLUSTER", clusterName);

            Map<String, String> ingestEnvironment = new HashMap<>(clickHouse);
            int statusPort = Ports.free();
            ingestEnvironment.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KAFKA_TOPIC", topic,
                    "KAFKA_GROUP", "bench-" + layout.shards() + "x" + layout.replicas(), "KAFKA_DEAD_LETTER_TOPIC", topic + "-dlq",
                    "INGEST_ENVIRONMENTS", "1:phc_clickmap_local", "INGEST_STATUS_PORT", String.valueOf(statusPort)));
            JarProcess ingest = new JarProcess(ingestJar, ingestEnvironment, statusPort, workDir, "ingest-" + layout.shards() + "x" + layout.replicas());
            ingest.awaitHealthy();
            try (Client client = ClickHouseClients.create(new ClickHouseConfig(url, DATABASE, "default", "", clusterName))) {
                ClickHouseSql sql = new ClickHouseSql(client);
                long started = System.nanoTime();
                double cpuAtStart = ingest.cpuSeconds();
                for (long stored = 0; stored < events; stored = count(sql, "SELECT count() AS n FROM events")) {
                    JarProcess.sleep(200);
                    System.err.printf(Locale.ROOT, "\r  stored %,d / %,d", stored, events);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpu = ingest.cpuSeconds() - cpuAtStart;
                System.err.println();
                ingest.stop();
                String exactlyOnce = count(sql, "SELECT count() AS n FROM events") == events
                        && count(sql, "SELECT uniqExact(uuid) AS n FROM events") == events ? "yes" : "NO";
                awaitQuiet(cluster != null ? cluster.members().stream().map(m -> cluster.server(m.shard(), m.replica())).toList() : List.of(single));

                Map<String, String> statsEnvironment = new HashMap<>(clickHouse);
                statsEnvironment.putAll(Map.of("CLICKMAP_BOOTSTRAP_API_KEY", KEY, "CLICKMAP_BOOTSTRAP_ENVIRONMENT", "1:Bench:phc_clickmap_local",
                        "CLICKMAP_STATS_CACHE_TTL", "0s"));
                try (ServiceProcess stats = new ServiceProcess(statsJar, Ports.free(), "256m", statsEnvironment,
                        new File(workDir.toFile(), "stats-" + layout.shards() + "x" + layout.replicas() + ".log"))) {
                    List<LatencyProbe.Sample> samples = new LatencyProbe(KEY).repeat(stats.baseUrl() + STATS, 3, 30);
                    return new Result(layout, events / seconds, cpu * 1e6 / events, exactlyOnce,
                            LatencyProbe.percentile(samples, LatencyProbe.Sample::wallMillis, 50),
                            LatencyProbe.percentile(samples, LatencyProbe.Sample::wallMillis, 99), samples.get(0).digest());
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            } else {
                single.stop();
            }
            // a layout's servers hold a copy of every event: gone once it is measured
            TempDirs.delete(dir);
        }
    }

    private static long count(ClickHouseSql sql, String query) {
        return sql.query(query, row -> row.get("n").asLong()).get(0);
    }

    /** Lets every server's merges of the inserts finish (at most two minutes), so they do not slow the queries measured. */
    private static void awaitQuiet(List<ClickHouseProcess> servers) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && servers.stream().anyMatch(server -> !server.query("SELECT count() FROM system.merges").equals("0"))) {
            JarProcess.sleep(500);
        }
    }
}
