package io.clickmap.bench.stats;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Statements over ClickHouse's HTTP interface with per-query settings (bulk loading wants big blocks). */
final class HttpSql {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    HttpSql(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String url() {
        return url;
    }

    boolean ping() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/ping")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String run(String sql, String settings) {
        String target = url + "/?" + (settings == null ? "" : settings + "&")
                + "user=" + URLEncoder.encode(System.getenv().getOrDefault("CLICKHOUSE_USER", "default"), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", ""), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().strip();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse at " + url + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
