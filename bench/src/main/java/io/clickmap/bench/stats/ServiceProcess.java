package io.clickmap.bench.stats;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The stats-api jar started as a child process with its own settings; stopped (by its handle) when closed. */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final String baseUrl;

    public ServiceProcess(String jar, int port, String heap, Map<String, String> environment, File log) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-Xms" + heap, "-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        // e.g. -XX:StartFlightRecording=filename=/tmp/jfr/ (a directory: one recording per instance) to profile the service
        String profiling = System.getenv("BENCH_STATS_JAVA_TOOL_OPTIONS");
        if (profiling != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", profiling);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        baseUrl = "http://127.0.0.1:" + port;
        awaitHealthy(log);
    }

    public String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /** Heap in use right after a full GC, in MiB, as {@code jcmd GC.heap_info} reports it. */
    String heapAfterRun() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.lines().toList()) {
                String trimmed = line.strip();
                if (trimmed.contains("total") && trimmed.contains("used")) {
                    return trimmed;
                }
            }
            return out.strip();
        } catch (IOException e) {
            return "jcmd unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void awaitHealthy(File log) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException("the service did not become healthy within 90 s; see " + log);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
