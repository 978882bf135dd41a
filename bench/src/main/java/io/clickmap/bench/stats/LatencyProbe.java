package io.clickmap.bench.stats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one request at a time and records, per request, the client-side response time and what the service
 * reports in {@code Server-Timing} (ClickHouse time and its own total).
 */
final class LatencyProbe {
    private static final Pattern CLICKHOUSE = Pattern.compile("clickhouse;dur=([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("total;dur=([0-9.]+)");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String key;

    LatencyProbe(String key) {
        this.key = key;
    }

    /** One measured request. */
    record Sample(double wallMillis, double clickHouseMillis, double serverMillis, int status, String body) {
        double overheadMillis() {
            return serverMillis - clickHouseMillis;
        }
    }

    Sample once(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double wall = (System.nanoTime() - started) / 1e6;
            String timing = response.headers().firstValue("Server-Timing").orElse("");
            return new Sample(wall, number(CLICKHOUSE, timing), number(TOTAL, timing), response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Sample> repeat(String url, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            once(url);
        }
        List<Sample> samples = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            Sample sample = once(url);
            if (sample.status() != 200) {
                throw new IllegalStateException(url + " answered " + sample.status() + ": " + sample.body());
            }
            samples.add(sample);
        }
        return samples;
    }

    static double percentile(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric, double p) {
        double[] values = samples.stream().mapToDouble(metric).toArray();
        Arrays.sort(values);
        int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }

    private static double number(Pattern pattern, String header) {
        Matcher matcher = pattern.matcher(header);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
