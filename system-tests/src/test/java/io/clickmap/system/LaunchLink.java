package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A toolbar launch link for a page, asked for the two ways docs/toolbar.md gives: from the stats API with an API key,
 * or printed by the stats API's packaged jar as an operator's CLI. Its hash carries the JSON posthog-js reads.
 */
record LaunchLink(String url, Instant expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PRINTED = Pattern.compile("url: +(\\S+)\\s+expires_at: +(\\S+)");

    /** {@code POST /api/environments/1/toolbar/launch}, with bin/run's key. */
    static LaunchLink fromApi(BinRun.Flags flags, String key, String page) throws Exception {
        HttpResponse<String> launched = HTTP.send(HttpRequest.newBuilder(URI.create(flags.apiUrl() + "/api/environments/1/toolbar/launch"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("url", page).toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        JsonNode link = JSON.readTree(launched.body());
        return new LaunchLink(link.get("url").asText(), Instant.parse(link.get("expires_at").asText()));
    }

    /** {@code java -jar clickmap-stats-api.jar toolbar launch} against bin/run's ClickHouse, with the token lifetime given (e.g. {@code 1m}). */
    static LaunchLink fromCli(BinRun.Flags flags, String page, String lifetime) throws Exception {
        Map<String, String> environment = Map.of("CLICKHOUSE_URL", "http://127.0.0.1:" + flags.clickHousePort(), "CLICKHOUSE_DATABASE", "clickmap",
                "CLICKMAP_TOOLBAR_TOKEN_LIFETIME", lifetime);
        try (ChildProcess cli = ChildProcess.start("cli-toolbar-launch", PackagedJar.command("stats-api", "toolbar", "launch", "--environment", "1",
                "--url", page, "--api-url", flags.apiUrl()), PackagedJar.REPOSITORY, environment)) {
            assertThat(cli.awaitExit(Duration.ofSeconds(90))).as(cli.output()).isZero();
            Matcher printed = PRINTED.matcher(cli.output());
            assertThat(printed.find()).as("a link and its expiry in %s", cli.output()).isTrue();
            return new LaunchLink(printed.group(1), Instant.parse(printed.group(2)));
        }
    }

    /** What the hash tells the toolbar, as posthog-js decodes it. */
    JsonNode parameters() throws Exception {
        String hash = url.substring(url.indexOf("#__posthog=") + "#__posthog=".length());
        return JSON.readTree(URLDecoder.decode(hash, StandardCharsets.UTF_8));
    }
}
