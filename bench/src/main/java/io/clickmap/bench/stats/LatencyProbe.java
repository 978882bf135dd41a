package io.clickmap.bench.stats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one request at a time and records, per request, the client-side response time and what the service
 * reports in {@code Server-Timing} (ClickHouse time and its own total).
 */
public final class LatencyProbe {
    private static final Pattern CLICKHOUSE = Pattern.compile("clickhouse;dur=([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("total;dur=([0-9.]+)");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String key;

    public LatencyProbe(String key) {
        this.key = key;
    }

    /** One measured request; the body is kept only as its digest, size and row count (pages can be 85 MB). */
    public record Sample(double wallMillis, double clickHouseMillis, double serverMillis, int status, String digest, int bytes, int rows,
                  String error) {
        public double overheadMillis() {
            return serverMillis - clickHouseMillis;
        }
    }

    Sample once(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build();
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double wall = (System.nanoTime() - started) / 1e6;
            String timing = response.headers().firstValue("Server-Timing").orElse("");
            byte[] body = response.body();
            return new Sample(wall, number(CLICKHOUSE, timing), number(TOTAL, timing), response.statusCode(), digest(body), body.length,
                    rows(body), response.statusCode() == 200 ? null : new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Sample> repeat(String url, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            once(url);
        }
        List<Sample> samples = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            Sample sample = once(url);
            if (sample.status() != 200) {
                throw new IllegalStateException(url + " answered " + sample.status() + ": " + sample.error());
            }
            samples.add(sample);
        }
        return samples;
    }

    public static double percentile(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric, double p) {
        double[] values = samples.stream().mapToDouble(metric).toArray();
        Arrays.sort(values);
        int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a stats answer: occurrences of {"count": in the body. */
    private static int rows(byte[] body) {
        byte[] marker = "{\"count\":".getBytes(StandardCharsets.US_ASCII);
        int rows = 0;
        outer:
        for (int i = 0; i + marker.length <= body.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            rows++;
        }
        return rows;
    }

    private static double number(Pattern pattern, String header) {
        Matcher matcher = pattern.matcher(header);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
