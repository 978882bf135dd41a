package io.clickmap.bench.stats;

import io.clickmap.testing.SharedServers;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saved insights at scale (run by {@code bin/bench insights}): 10,000 insights in environment 1 — a third of them
 * with a second version, as edits leave them — and 10,000 in each of environments 2 and 3, written straight into
 * ClickHouse's {@code insights} table; then the stats-api jar ({@code -Xmx256m}) answers the list's first page,
 * a search, a tag filter and a retrieve, one request at a time. Goal: p50 ≤ 20 ms each. Report:
 * {@code bench/target/insights-bench.md}.
 */
public final class InsightsApiBenchmark {
    private static final String KEY = "phx_benchmark_key_0123456789abcdef";
    private static final String DATABASE = "clickmap_bench_insights";
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final int PER_ENVIRONMENT = 10_000;
    private static final String QUERY = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$autocapture\",\"math\":\"total\"}],\"interval\":\"day\",\"dateRange\":{\"date_from\":\"-7d\"}}}";

    private InsightsApiBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: InsightsApiBenchmark <clickmap-stats-api.jar>");
            System.exit(2);
        }
        HttpSql sql = new HttpSql(SharedServers.clickHouse().httpUrl());
        sql.run("DROP DATABASE IF EXISTS " + DATABASE, null);
        StringBuilder report = new StringBuilder();
        line(report, "Insights API benchmark, " + LocalDate.now(ZoneOffset.UTC) + ", ClickHouse " + sql.run("SELECT version()", null) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, service with -Xmx256m");
        Map<String, String> settings = Map.of("CLICKHOUSE_URL", sql.url(), "CLICKHOUSE_DATABASE", DATABASE,
                "CLICKMAP_BOOTSTRAP_API_KEY", KEY, "CLICKMAP_BOOTSTRAP_ENVIRONMENT", "1:Bench:phc_bench");
        try (ServiceProcess service = new ServiceProcess(args[0], 18811, "256m", settings, new File("bench/target/insights-api.log"))) {
            long started = System.nanoTime();
            for (int environment = 1; environment <= 3; environment++) {
                load(sql, environment);
            }
            line(report, String.format("Loaded %,d insights (%s rows with their versions) in %.1f s.", 3 * PER_ENVIRONMENT,
                    sql.run("SELECT count() FROM " + DATABASE + ".insights", null), (System.nanoTime() - started) / 1e9));
            String retrieveId = sql.run("SELECT id FROM " + DATABASE + ".insights WHERE team_id = 1 AND id % 3 = 0 LIMIT 1", null);
            Map<String, String> scenarios = new LinkedHashMap<>();
            scenarios.put("list, first page (100 of 10,000, full objects)", INSIGHTS);
            scenarios.put("list, basic=true first page", INSIGHTS + "?basic=true");
            scenarios.put("search=checkout (exact and similar over 10,000)", INSIGHTS + "?search=checkout");
            scenarios.put("tags filter, one of 20 tags", INSIGHTS + "?tags=" + URLEncoder.encode("[\"team-7\"]", StandardCharsets.UTF_8));
            scenarios.put("retrieve one (an insight with two versions)", INSIGHTS + retrieveId + "/");
            LatencyProbe probe = new LatencyProbe(KEY);
            line(report, "Load average before measuring: " + Files.readString(Path.of("/proc/loadavg")).strip());
            line(report, "");
            line(report, "| request | p50 | p90 | p99 | ClickHouse p50 | bytes | goal |");
            line(report, "|---|---|---|---|---|---|---|");
            for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
                List<LatencyProbe.Sample> samples = probe.repeat(service.baseUrl() + scenario.getValue(), 20, 100);
                double p50 = LatencyProbe.percentile(samples, LatencyProbe.Sample::wallMillis, 50);
                line(report, String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %,d | ≤ 20 ms p50 — %s |", scenario.getKey(), p50,
                        LatencyProbe.percentile(samples, LatencyProbe.Sample::wallMillis, 90),
                        LatencyProbe.percentile(samples, LatencyProbe.Sample::wallMillis, 99),
                        LatencyProbe.percentile(samples, LatencyProbe.Sample::clickHouseMillis, 50), samples.get(0).bytes(),
                        p50 <= 20 ? "met" : "**not met**"));
            }
            line(report, "");
            line(report, "100 runs after 20 warm-ups each, one at a time, client-measured over HTTP on the loopback. Heap at the end: "
                    + service.heapAfterRun());
            line(report, "Load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        }
        Path file = Path.of("bench/target/insights-bench.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
        System.out.println("(written to " + file + ")");
    }

    /** The environment's insights as the API would have written them: one version each, a second for every third. */
    private static void load(HttpSql sql, int environment) {
        String select = """
                SELECT %d AS team_id, %d + number AS id, toUInt64(1700000000000000 + number * 1000 + v) AS version,
                       substring(hex(cityHash64(%d, number)), 1, 8) AS short_id,
                       concat(['Checkout clicks', 'Rage clicks on pricing', 'Signup funnel', 'Dead clicks', 'Nav menu'][number %% 5 + 1],
                              ' ', toString(number)) AS name,
                       CAST(NULL AS Nullable(String)) AS derived_name,
                       if(number %% 2 = 0, 'Clicks on the page, day by day', NULL) AS description,
                       '%s' AS query, 'InsightVizNode' AS query_kind, 'TrendsQuery' AS source_kind,
                       CAST(NULL AS Nullable(Int64)) AS insight_order, toUInt8(0) AS deleted, toUInt8(v = 1) AS favorited,
                       [concat('team-', toString(number %% 20))] AS tags, CAST(NULL AS Nullable(String)) AS create_in_folder,
                       toInt64(1700000000000000 + number * 1000) AS created_at, toInt64(1) AS created_by,
                       toInt64(1700000000000000 + number * 1000 + v) AS last_modified_at, toInt64(1) AS last_modified_by,
                       toInt64(1) AS written_by, if(v = 0, 'created', 'updated') AS activity
                FROM numbers(%d) ARRAY JOIN if(number %% 3 = 0, [0, 1], [0]) AS v""".formatted(environment, environment * 1_000_000L, environment,
                QUERY.replace("'", "\\'"), PER_ENVIRONMENT);
        sql.run("INSERT INTO " + DATABASE + ".insights " + select, null);
    }

    private static void line(StringBuilder report, String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }
}
