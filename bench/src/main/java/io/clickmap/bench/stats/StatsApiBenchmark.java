package io.clickmap.bench.stats;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.clickmap.testing.SharedServers;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats API at scale (run by {@code bin/bench stats}): loads 10,000,000 synthetic clicks for environment 1
 * over 30 days plus 2,000,000 for three other environments into the ClickHouse at {@code CLICKHOUSE_URL},
 * then measures the service, started from its jar with {@code -Xmx256m}: latency through the daily rollup and
 * through the raw GROUP BY (same answers required), the service's own overhead on a 5,000-row page, cached
 * requests per second and heap. Prints a Markdown report and writes it to {@code bench/target/stats-bench.md}.
 */
public final class StatsApiBenchmark {
    private static final String KEY = "phx_benchmark_key_0123456789abcdef";
    private static final String DATABASE = "clickmap_bench";
    private static final String STATS = "/api/environments/1/elements/stats/";

    private StatsApiBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StatsApiBenchmark <clickmap-stats-api.jar> [events, default 10000000]");
            System.exit(2);
        }
        String jar = args[0];
        long events = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        // CLICKHOUSE_URL when set, else Debian's binary started the way the tests start it
        HttpSql sql = new HttpSql(SharedServers.clickHouse().httpUrl());
        awaitClickHouse(sql);
        Report report = new Report();
        report.line("Stats API benchmark, " + LocalDate.now(ZoneOffset.UTC) + ", ClickHouse " + sql.run("SELECT version()", null)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, service with -Xmx256m");
        // With CLICKHOUSE_URL naming a server that already holds the data (BENCH_REUSE_DATA=1), loading is skipped.
        boolean reuse = "1".equals(System.getenv("BENCH_REUSE_DATA"))
                && sql.run("SELECT count() FROM system.tables WHERE database = '" + DATABASE + "' AND name = 'events'", null).equals("1")
                && Long.parseLong(sql.run("SELECT count() FROM " + DATABASE + ".events WHERE team_id = 1", null)) == events;
        if (!reuse) {
            sql.run("DROP DATABASE IF EXISTS " + DATABASE, null);
        }

        Map<String, String> base = Map.of("CLICKHOUSE_URL", sql.url(), "CLICKHOUSE_DATABASE", DATABASE,
                "CLICKMAP_BOOTSTRAP_API_KEY", KEY, "CLICKMAP_BOOTSTRAP_ENVIRONMENT", "1:Bench:phc_bench");
        Map<String, String> uncached = with(base, "CLICKMAP_STATS_CACHE_TTL", "0s");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String partialEnd = now.toLocalDate() + "T" + now.toLocalTime().truncatedTo(ChronoUnit.HOURS).withHour(Math.max(1, now.getHour() / 2)) + ":00Z";
        Map<String, String> scenarios = new LinkedHashMap<>();
        scenarios.put("7 days (default window), 100 rows", "?limit=100");
        scenarios.put("7 days, all defaults (limit 50,000)", "");
        scenarios.put("30 days, 100 rows", "?date_from=-30d&limit=100");
        scenarios.put("30 days, $current_url exact, 100 rows", "?date_from=-30d&limit=100&properties="
                + encode("[{\"key\":\"$current_url\",\"value\":\"https://shop.example.com/p/0\",\"operator\":\"exact\"}]"));
        scenarios.put("30 days, $current_url icontains, 100 rows", "?date_from=-30d&limit=100&properties="
                + encode("[{\"key\":\"$current_url\",\"value\":\"/C/1\",\"operator\":\"icontains\"}]"));
        scenarios.put("30 days, 5,000-row page", "?date_from=-30d&limit=5000");
        scenarios.put("30 days to " + partialEnd + " (partial last day), 100 rows", "?date_from=-30d&limit=100&date_to=" + partialEnd);

        LatencyProbe probe = new LatencyProbe(KEY);
        Map<String, List<LatencyProbe.Sample>> rollup = new LinkedHashMap<>();
        try (ServiceProcess service = new ServiceProcess(jar, 18801, "256m", uncached, new File("bench/target/stats-api-rollup.log"))) {
            long started = System.nanoTime();
            if (!reuse) {
                SyntheticClicks clicks = new SyntheticClicks(sql, DATABASE);
                clicks.load(1, events, 0);
                clicks.load(2, events / 10, 100_000_000L);
                clicks.load(3, events / 20, 200_000_000L);
                clicks.load(4, events / 20, 300_000_000L);
                clicks.mergeRollup();
            }
            new SyntheticClicks(sql, DATABASE).awaitQuiet();
            report.line("Load average before measuring (other processes share these cores): " + loadAverage());
            report.line(String.format("%s %,d events for environment 1 and %,d for environments 2–4 in %.0f s (INSERT … SELECT, then OPTIMIZE … FINAL of the rollup tables).",
                    reuse ? "Reused" : "Loaded", events, events / 10 + events / 10, (System.nanoTime() - started) / 1e9));
            report.line("Table sizes: " + sql.run("SELECT arrayStringConcat(groupArray(concat(table, ' ', toString(rows), ' rows, ', "
                    + "formatReadableSize(bytes))), '; ') FROM (SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts "
                    + "WHERE database = '" + DATABASE + "' AND active GROUP BY table ORDER BY table)", null).replace("\\'", "'"));
            report.line(String.format("Environment 1: %s distinct chains, %s distinct URLs.",
                    sql.run("SELECT uniqExact(chain_hash) FROM " + DATABASE + ".element_chains WHERE team_id = 1", null),
                    sql.run("SELECT uniqExact(url_hash) FROM " + DATABASE + ".element_urls WHERE team_id = 1", null)));

            LatencyProbe.Sample coldPage = probe.once(service.baseUrl() + STATS + scenarios.get("30 days, 5,000-row page"));
            for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
                rollup.put(scenario.getKey(), probe.repeat(service.baseUrl() + STATS + scenario.getValue(), 3, 30));
            }
            report.line("");
            report.line("Service overhead on the 5,000-row page (response time minus ClickHouse time from Server-Timing):");
            List<LatencyProbe.Sample> page = rollup.get("30 days, 5,000-row page");
            report.line(String.format("- first request (element JSON not yet cached): server %.1f ms, client-measured %.1f ms",
                    coldPage.overheadMillis(), coldPage.wallMillis() - coldPage.clickHouseMillis()));
            report.line(String.format("- warm, p50 / p99: server %.1f / %.1f ms; client-measured (incl. HTTP of %,d bytes) %.1f / %.1f ms",
                    LatencyProbe.percentile(page, LatencyProbe.Sample::overheadMillis, 50),
                    LatencyProbe.percentile(page, LatencyProbe.Sample::overheadMillis, 99), page.get(0).bytes(),
                    LatencyProbe.percentile(page, s -> s.wallMillis() - s.clickHouseMillis(), 50),
                    LatencyProbe.percentile(page, s -> s.wallMillis() - s.clickHouseMillis(), 99)));
            report.line("- heap of the rollup instance at the end: " + service.heapAfterRun());
        }

        Map<String, List<LatencyProbe.Sample>> raw = new LinkedHashMap<>();
        try (ServiceProcess service = new ServiceProcess(jar, 18802, "256m", with(uncached, "CLICKMAP_STATS_STORAGE", "raw"),
                new File("bench/target/stats-api-raw.log"))) {
            for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
                raw.put(scenario.getKey(), probe.repeat(service.baseUrl() + STATS + scenario.getValue(), 1, 5));
            }
            report.line("- heap of the raw instance at the end: " + service.heapAfterRun());
        }

        report.line("Load average after the latency runs: " + loadAverage());
        report.line("");
        report.line("| query (environment 1, 10M events) | rollup p50 | rollup p99 | raw GROUP BY p50 | raw p99 | speed-up (p50) | same answer |");
        report.line("|---|---|---|---|---|---|---|");
        for (String name : scenarios.keySet()) {
            List<LatencyProbe.Sample> fast = rollup.get(name);
            List<LatencyProbe.Sample> slow = raw.get(name);
            double fastP50 = LatencyProbe.percentile(fast, LatencyProbe.Sample::wallMillis, 50);
            double slowP50 = LatencyProbe.percentile(slow, LatencyProbe.Sample::wallMillis, 50);
            report.line(String.format("| %s | %.1f ms | %.1f ms | %.0f ms | %.0f ms | %.0f× | %s |", name, fastP50,
                    LatencyProbe.percentile(fast, LatencyProbe.Sample::wallMillis, 99), slowP50,
                    LatencyProbe.percentile(slow, LatencyProbe.Sample::wallMillis, 99), slowP50 / fastP50,
                    fast.get(0).digest().equals(slow.get(0).digest()) ? "yes (" + fast.get(0).rows() + " rows)" : "NO"));
        }
        report.line("");
        report.line("Rollup: 30 runs after 3 warm-ups, one at a time, response cache off (clickmap.stats-cache-ttl=0s). Raw: "
                + "clickmap.stats-storage=raw, 5 runs after 1 warm-up. Times are client-measured over HTTP on the loopback.");

        try (ServiceProcess service = new ServiceProcess(jar, 18803, "256m", base, new File("bench/target/stats-api-cached.log"))) {
            String url = service.baseUrl() + STATS + scenarios.get("30 days, 100 rows");
            probe.once(url);
            report.line("");
            report.line("Cached requests (30 days, 100 rows, answered from the 30 s response cache): "
                    + CachedLoad.measure(url, KEY, 10));
            report.line("- heap of the cached instance after the load: " + service.heapAfterRun());
        }
        report.print(Path.of("bench/target/stats-bench.md"));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(name, value);
        return more;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void awaitClickHouse(HttpSql sql) {
        for (int attempt = 0; attempt < 300 && !sql.ping(); attempt++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!sql.ping()) {
            throw new IllegalStateException("ClickHouse at " + sql.url() + " does not answer");
        }
    }

    /** Lines of the Markdown report, echoed as they come. */
    private static final class Report {
        private final StringBuilder text = new StringBuilder();

        void line(String line) {
            System.out.println(line);
            text.append(line).append('\n');
        }

        void print(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString());
            System.out.println("(written to " + file + ")");
        }
    }
}
