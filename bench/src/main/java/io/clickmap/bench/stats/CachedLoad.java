package io.clickmap.bench.stats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests per second for one cached URL: with {@code wrk} when installed (it costs the shared 2 cores least),
 * else a loop of Java clients. Bounded in time; traffic goes to the loopback only.
 */
final class CachedLoad {
    private CachedLoad() {
    }

    static String measure(String url, String key, int seconds) {
        try {
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + seconds + "s", "-H", "Authorization: Bearer " + key, url)
                    .redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
            Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
            if (rate.find()) {
                return String.format("%.0f req/s (wrk, 2 threads, 32 connections, %d s%s)", Double.parseDouble(rate.group(1)), seconds,
                        non2xx.find() ? ", " + non2xx.group(1) + " non-2xx" : "");
            }
            return javaLoop(url, key, seconds) + " (wrk output unreadable)";
        } catch (IOException e) {
            return javaLoop(url, key, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaLoop(String url, String key, int seconds) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            done.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return String.format("%.0f req/s (Java client loop, 16 threads, %d s; install wrk for a lighter client)", done.get() / (double) seconds, seconds);
    }
}
