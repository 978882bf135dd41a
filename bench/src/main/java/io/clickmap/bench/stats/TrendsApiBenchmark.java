package io.clickmap.bench.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.testing.SharedServers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computing trends insights (run by {@code bin/bench trends}): the stats benchmark's synthetic clicks (30 days) at each
 * of the given sizes; four saved TrendsQuery insights recomputed on every request ({@code refresh=force_blocking}) by
 * the stats-api jar with its fast path ({@code clickmap.trends-storage=auto}) and with raw events only ({@code raw}),
 * one request at a time; p50/p99 of each, p50 of the counting statements alone ({@code Server-Timing}'s trends entry), and
 * whether the two answered the same result. Report:
 * {@code bench/target/trends-bench.md}.
 */
public final class TrendsApiBenchmark {
    private static final String KEY = "phx_benchmark_key_0123456789abcdef";
    private static final String DATABASE = "clickmap_bench_trends";
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();
    /** The trends entry of Server-Timing: the path, and ClickHouse's time for the counting statements alone. */
    private static final Pattern STORAGE = Pattern.compile("trends;desc=\"([a-z]+)\";dur=([0-9.]+)");
    /**
     * How long a service is sent the first insight (the daily total) before anything is measured: a service just
     * started answers it in ~20 ms and after 1,500 requests in ~9 ms, the difference being its JIT compiler's work.
     */
    private static final int WARM_UP_SECONDS = 30;
    private static final int FAST_RUNS = 40;
    private static final int RAW_RUNS = 5;

    static {
        String window = "\"dateRange\":{\"date_from\":\"-30d\"}";
        QUERIES.put("30-day daily total of $autocapture", "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}],"
                + window + "}");
        QUERIES.put("$rageclick by $current_url (breakdown, 25 + other)", "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
                + "\"event\":\"$rageclick\"}]," + window + ",\"breakdownFilter\":{\"breakdown_type\":\"event\",\"breakdown\":\"$current_url\"}}");
        QUERIES.put("selector element filter (section a.row)", "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}],"
                + window + ",\"properties\":[{\"type\":\"element\",\"key\":\"selector\",\"value\":\"section a.row\",\"operator\":\"exact\"}]}");
        QUERIES.put("dau over 30 days", "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"dau\"}],"
                + window + "}");
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TrendsApiBenchmark() {
    }

    /** Client-measured p50 and p99 of whole requests, and p50 of their counting statements (Server-Timing). */
    record Timing(double p50, double p99, double countingP50, JsonNode result, String storage) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: TrendsApiBenchmark <clickmap-stats-api.jar> [sizes, default 1000000,10000000,30000000]");
            System.exit(2);
        }
        String jar = args[0];
        long[] sizes = Arrays.stream((args.length > 1 ? args[1] : "1000000,10000000,30000000").split(",")).mapToLong(Long::parseLong).toArray();
        HttpSql sql = new HttpSql(SharedServers.clickHouse().httpUrl());
        List<String> report = new ArrayList<>();
        report.add("Trends benchmark, " + LocalDate.now(ZoneOffset.UTC) + ", ClickHouse " + sql.run("SELECT version()", null) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, service with -Xmx512m; each request recomputes (refresh=force_blocking).");
        report.add("");
        report.add("| events (env. 1) | query | fast p50 | fast p99 | raw p50 | raw p99 | speed-up (p50) | counting statements p50, fast / raw | "
                + "their speed-up | fast path used | same result |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|");
        TrendsApiBenchmark bench = new TrendsApiBenchmark();
        for (long size : sizes) {
            sql.run("DROP DATABASE IF EXISTS " + DATABASE, null);
            Map<String, String> base = Map.of("CLICKHOUSE_URL", sql.url(), "CLICKHOUSE_DATABASE", DATABASE, "CLICKMAP_BOOTSTRAP_API_KEY", KEY,
                    "CLICKMAP_BOOTSTRAP_ENVIRONMENT", "1:Bench:phc_bench");
            Map<String, Timing> fast = new LinkedHashMap<>();
            Map<String, Long> ids = new LinkedHashMap<>();
            try (ServiceProcess service = new ServiceProcess(jar, 18811, "512m", base, new File("bench/target/trends-fast.log"))) {
                long started = System.nanoTime();
                SyntheticClicks clicks = new SyntheticClicks(sql, DATABASE);
                clicks.load(1, size, 0);
                clicks.load(2, size / 10, 100_000_000L);
                clicks.mergeRollup();
                clicks.awaitQuiet();
                System.err.printf("trends bench: loaded %,d events in %.0f s%n", size + size / 10, (System.nanoTime() - started) / 1e9);
                for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                    ids.put(query.getKey(), bench.create(service.baseUrl(), query.getValue()));
                }
                bench.warmUp(service.baseUrl(), ids.values());
                for (Map.Entry<String, Long> insight : ids.entrySet()) {
                    fast.put(insight.getKey(), bench.measure(service.baseUrl(), insight.getValue(), 3, FAST_RUNS));
                }
            }
            try (ServiceProcess service = new ServiceProcess(jar, 18812, "512m", with(base, "CLICKMAP_TRENDS_STORAGE", "raw"),
                    new File("bench/target/trends-raw.log"))) {
                bench.warmUp(service.baseUrl(), ids.values());
                for (Map.Entry<String, Long> insight : ids.entrySet()) {
                    Timing raw = bench.measure(service.baseUrl(), insight.getValue(), 1, RAW_RUNS);
                    Timing quick = fast.get(insight.getKey());
                    report.add(String.format("| %,d | %s | %.1f ms | %.1f ms | %.0f ms | %.0f ms | %.1f× | %.1f / %.0f ms | %.1f× | %s | %s |", size,
                            insight.getKey(), quick.p50(), quick.p99(), raw.p50(), raw.p99(), raw.p50() / quick.p50(), quick.countingP50(),
                            raw.countingP50(), raw.countingP50() / quick.countingP50(), quick.storage(), quick.result().equals(raw.result()) ? "yes" : "NO"));
                    System.err.println("trends bench: " + report.get(report.size() - 1));
                }
            }
        }
        report.add("");
        report.add(String.format("Each service warmed up first (%d s of requests for the four insights in turn, as a long-running service is); then fast: %d runs after 3 warm-ups, "
                + "raw: %d runs after 1 warm-up. Client-measured over HTTP on the loopback.", WARM_UP_SECONDS, FAST_RUNS, RAW_RUNS));
        Path file = Path.of("bench/target/trends-bench.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", report) + "\n");
        report.forEach(System.out::println);
    }

    private long create(String base, String query) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(request(base + INSIGHTS).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"query\":"
                + query + "}")).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating an insight answered " + created.statusCode() + ": " + created.body());
        }
        return JSON.readTree(created.body()).get("id").asLong();
    }

    /** Requests the insights in turn, recomputed, for {@link #WARM_UP_SECONDS}: every path a long-running service serves gets compiled. */
    private void warmUp(String base, Collection<Long> insights) throws IOException, InterruptedException {
        long until = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        int requests = 0;
        Iterator<Long> turn = insights.iterator();
        while (System.nanoTime() < until) {
            if (!turn.hasNext()) {
                turn = insights.iterator();
            }
            long id = turn.next();
            HttpResponse<String> response = http.send(request(base + INSIGHTS + id + "/?refresh=force_blocking").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("warming up, insight " + id + " answered " + response.statusCode() + ": " + response.body());
            }
            requests++;
        }
        System.err.printf("trends bench: warmed %s up with %,d requests%n", base, requests);
    }

    private Timing measure(String base, long id, int warmups, int runs) throws IOException, InterruptedException {
        URI uri = URI.create(base + INSIGHTS + id + "/?refresh=force_blocking");
        double[] millis = new double[runs];
        double[] counting = new double[runs];
        JsonNode result = null;
        String storage = "?";
        for (int i = -warmups; i < runs; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request(uri.toString()).GET().build(), HttpResponse.BodyHandlers.ofString());
            double elapsed = (System.nanoTime() - started) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            result = JSON.readTree(response.body()).get("result");
            String timing = response.headers().firstValue("Server-Timing").orElse("");
            Matcher path = STORAGE.matcher(timing);
            if (!path.find()) {
                throw new IllegalStateException(uri + " answered no trends entry in Server-Timing: " + timing);
            }
            storage = path.group(1);
            if (i >= 0) {
                millis[i] = elapsed;
                counting[i] = Double.parseDouble(path.group(2));
            }
        }
        Arrays.sort(millis);
        Arrays.sort(counting);
        int median = (int) Math.ceil(0.5 * runs) - 1;
        return new Timing(millis[median], millis[(int) Math.ceil(0.99 * runs) - 1], counting[median], result, storage);
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY);
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(name, value);
        return more;
    }
}
