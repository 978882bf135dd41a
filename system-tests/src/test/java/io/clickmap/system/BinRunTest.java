package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.chain.ChainDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/run} exactly as the README tells a new user to run it: a process of its own started from
 * the repository, with its own home and free ports. The curls it prints are run as printed, their
 * answers checked against the events its ClickHouse holds, then the README's walkthrough is followed
 * step by step; Ctrl-C (SIGINT) stops everything, nothing stays listening, and a second run over the
 * same home still has the data.
 */
class BinRunTest {
    private static final Path REPOSITORY = PackagedJar.REPOSITORY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration START = Duration.ofMinutes(3);
    private static final int DEMO_EVENTS = 2_000;
    /** What the README's commands send: one event with curl through capture, the load generator's to Kafka. */
    private static final int README_EVENTS = 1 + 100_000;

    @Test
    void theDemosCurlsAndTheReadmesWalkthroughWorkAsPrintedCtrlCStopsEverythingAndASecondRunHasTheData(@TempDir Path home) throws Exception {
        BinRun.Flags flags = BinRun.Flags.free(home);
        try (ChildProcess run = BinRun.start("bin-run-demo", flags, "--demo", "--demo-events", String.valueOf(DEMO_EVENTS))) {
            run.awaitLine("Ctrl-C stops everything.", START);
            assertThat(run.output()).contains(String.format("%,d demo clicks stored.", DEMO_EVENTS))
                    .contains("  capture       http://localhost:" + flags.capturePort() + "   (posthog-js's api_host")
                    .contains("posthog.init('phc_clickmap_local', {api_host: 'http://localhost:" + flags.capturePort() + "'");
            assertThat(clickHouse(flags, "SELECT count() FROM clickmap.events WHERE team_id = 1")).containsExactly(String.valueOf(DEMO_EVENTS));

            List<String> curls = printedCurls(run);
            assertThat(curls).hasSize(3);
            checkStats(flags, curl(curls.get(0)));
            checkValues(flags, curl(curls.get(1)));
            assertThat(curl(curls.get(2))).isEqualTo(JSON.readTree("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}"));
            checkTrends(flags, printedKey(curls.get(0)));
            followTheReadme(flags);

            BinRun.stopWithCtrlC(run, flags);
        }

        try (ChildProcess again = BinRun.start("bin-run-again", flags)) {
            again.awaitLine("Ctrl-C stops everything.", START);
            assertThat(clickHouse(flags, "SELECT count() FROM clickmap.events")).as("the kept data")
                    .containsExactly(String.valueOf(DEMO_EVENTS + README_EVENTS));
            checkStats(flags, curl(printedCurls(again).get(0)));
            BinRun.stopWithCtrlC(again, flags);
        }
    }

    @Test
    void aTakenPortIsReportedWithTheFlagThatChangesIt(@TempDir Path home) throws Exception {
        BinRun.Flags flags = BinRun.Flags.free(home);
        try (ServerSocket taken = new ServerSocket(flags.apiPort(), 1, InetAddress.getLoopbackAddress());
             ChildProcess run = BinRun.start("bin-run-taken-port", flags)) {
            assertThat(run.awaitExit(START)).isEqualTo(1);
            assertThat(run.output()).contains("clickmap: port " + flags.apiPort() + " for the stats API is taken by another program; choose another with --api-port");
        }
    }

    /**
     * The shell blocks of the README's "Five minutes with Clickmap", run in order with only the ports and
     * the home folder changed to this test's: the curls answer, the load generator's events are stored,
     * the administration commands create an environment and a key that can read it.
     */
    private static void followTheReadme(BinRun.Flags flags) throws Exception {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        int start = readme.indexOf("## Five minutes with Clickmap");
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, readme.indexOf("\n## ", start + 1)));
        List<String> scripts = new ArrayList<>();
        while (block.find()) {
            scripts.add(block.group(1).replaceAll("(?m)^ {3}", "").replace(".clickmap/api-key", flags.home().resolve("api-key").toString())
                    .replace("localhost:8000", "localhost:" + flags.apiPort()).replace("localhost:8010", "localhost:" + flags.capturePort())
                    .replace("127.0.0.1:19092", "127.0.0.1:" + flags.kafkaPort())
                    .replace("127.0.0.1:18123", "127.0.0.1:" + flags.clickHousePort()));
        }
        assertThat(scripts).as("the walkthrough's blocks: curls, sending events, administration").hasSize(3);

        List<JsonNode> answers = new ArrayList<>();
        JSON.readerFor(JsonNode.class).<JsonNode>readValues(shell("readme-curls", scripts.get(0))).forEachRemaining(answers::add);
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).get("results")).hasSize(3);
        assertThat(answers.get(1).isArray()).isTrue();
        assertThat(answers.get(2).get("count").asLong()).isZero();

        assertThat(shell("readme-send", scripts.get(1))).startsWith("{\"status\":1}").contains(String.format("sent %,d events", README_EVENTS - 1))
                .contains(" 0 failed");
        await().atMost(Duration.ofSeconds(120)).until(() -> clickHouse(flags, "SELECT count() FROM clickmap.events").get(0),
                count -> count.equals(String.valueOf(DEMO_EVENTS + README_EVENTS)));

        String administration = shell("readme-administration", scripts.get(2));
        assertThat(administration).contains("created environment 2 (Blog)");
        Matcher key = Pattern.compile("(?m)^key: (phx_\\S+)$").matcher(administration);
        assertThat(key.find()).as(administration).isTrue();
        HttpResponse<String> blog = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + flags.apiPort()
                + "/api/environments/2/elements/stats/")).header("Authorization", "Bearer " + key.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(blog.statusCode()).as(blog.body()).isEqualTo(200);
        assertThat(blog.body()).isEqualTo("[]");
    }

    private static String shell(String name, String script) throws Exception {
        try (ChildProcess shell = ChildProcess.start(name, List.of("bash", "-euo", "pipefail", "-c", script), REPOSITORY, Map.of())) {
            assertThat(shell.awaitExit(Duration.ofMinutes(2))).as("%s:%n%s%n%s", name, script, shell.output()).isZero();
            return shell.output();
        }
    }

    /** The three curls under "Try:", as printed. */
    private static List<String> printedCurls(ChildProcess run) {
        return run.lines().stream().map(String::strip).filter(line -> line.startsWith("curl ")).toList();
    }

    /** The first curl's page: three rows of clicked elements whose counts are the three largest in ClickHouse, and a next link. */
    private static void checkStats(BinRun.Flags flags, JsonNode page) throws Exception {
        assertThat(page.get("previous").isNull()).isTrue();
        assertThat(page.get("next").asText()).contains("offset=3");
        List<Long> counts = new ArrayList<>();
        for (JsonNode row : page.get("results")) {
            assertThat(row.get("type").asText()).isEqualTo("$autocapture");
            assertThat(row.get("elements")).isNotEmpty();
            counts.add(row.get("count").asLong());
        }
        // the demo's clicks lie within the last three days, inside the default window of seven
        List<Long> expected = clickHouse(flags, "SELECT count() AS n FROM clickmap.events WHERE team_id = 1 AND event = '$autocapture' "
                + "GROUP BY elements_chain ORDER BY n DESC LIMIT 3").stream().map(Long::valueOf).toList();
        assertThat(counts).as("the three largest counts").isEqualTo(expected);
    }

    /** Tag names suggested by the second curl: those of the clicked elements, decoded from the stored chains. */
    private static void checkValues(BinRun.Flags flags, JsonNode values) throws Exception {
        Set<String> suggested = new TreeSet<>();
        values.forEach(value -> suggested.add(value.get("name").asText()));
        Set<String> clicked = new TreeSet<>();
        for (String row : clickHouse(flags, "SELECT DISTINCT elements_chain FROM clickmap.events WHERE team_id = 1 AND event = '$autocapture' "
                + "FORMAT JSONEachRow")) {
            clicked.add(ChainDecoder.decode(JSON.readTree(row).get("elements_chain").asText()).get(0).tagName());
        }
        assertThat(suggested).isNotEmpty().isEqualTo(clicked);
    }

    /**
     * A saved trend of the demo's clicks on buttons (an element filter, so matched against the stored chains): its
     * count is that of the clicks whose chain has a button, decoded here from what ClickHouse holds, and a second read
     * is served from the cache.
     */
    private static void checkTrends(BinRun.Flags flags, String key) throws Exception {
        String query = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}],"
                + "\"dateRange\":{\"date_from\":\"all\"},\"properties\":[{\"type\":\"element\",\"key\":\"tag_name\",\"value\":\"button\",\"operator\":\"exact\"}]}}";
        String insights = "http://localhost:" + flags.apiPort() + "/api/environments/1/insights/";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(insights)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Buttons\",\"query\":" + query + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String insight = insights + JSON.readTree(created.body()).get("id").asLong() + "/";

        JsonNode computed = JSON.readTree(get(insight + "?refresh=blocking", key));
        long onButtons = 0;
        for (String row : clickHouse(flags, "SELECT elements_chain, count() AS clicks FROM clickmap.events WHERE team_id = 1 AND event = '$autocapture' "
                + "GROUP BY elements_chain FORMAT JSONEachRow")) {
            JsonNode chain = JSON.readTree(row);
            if (ChainDecoder.decode(chain.get("elements_chain").asText()).stream().anyMatch(element -> "button".equals(element.tagName()))) {
                onButtons += chain.get("clicks").asLong();
            }
        }
        assertThat(onButtons).as("the demo clicks buttons").isPositive();
        assertThat(computed.get("result").get(0).get("label").asText()).isEqualTo("$autocapture");
        assertThat(computed.get("result").get(0).get("count").asLong()).isEqualTo(onButtons);
        JsonNode again = JSON.readTree(get(insight, key));
        assertThat(again.get("is_cached").asBoolean()).isTrue();
        assertThat(again.get("result")).isEqualTo(computed.get("result"));
    }

    private static String get(String url, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The API key a printed curl sends. */
    private static String printedKey(String curl) {
        Matcher key = Pattern.compile("Bearer (phx_[A-Za-z0-9_-]+)").matcher(curl);
        assertThat(key.find()).as(curl).isTrue();
        return key.group(1);
    }

    /** Runs one printed curl line with a shell, as pasting it would. */
    private static JsonNode curl(String line) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("bash", "-c", line).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(line).isZero();
        return JSON.readTree(body);
    }

    /** One value per line of the answer (TabSeparated), from the ClickHouse that bin/run started. */
    private static List<String> clickHouse(BinRun.Flags flags, String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + flags.clickHousePort() + "/?query="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().lines().toList();
    }
}
