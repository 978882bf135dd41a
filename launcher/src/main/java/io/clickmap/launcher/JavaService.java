package io.clickmap.launcher;

import io.clickmap.local.WatchedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One of Clickmap's services (ingest, stats-api) run as a JVM of its own with {@code java -jar} on its
 * packaged jar, configured by environment variables like in production, ready when its
 * {@code /health} answers 200. Stopped with SIGTERM so it can finish its work.
 */
final class JavaService {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final WatchedProcess process;
    private final String healthUrl;

    private JavaService(String name, WatchedProcess process, String healthUrl) {
        this.name = name;
        this.process = process;
        this.healthUrl = healthUrl;
    }

    static JavaService start(String name, Path jar, Map<String, String> environment, int healthPort, Path logDir, Duration timeout) {
        String java = ProcessHandle.current().info().command().orElse("java");
        WatchedProcess process = WatchedProcess.start(name, List.of(java, "-Xms64m", "-Xmx256m", "-jar", jar.toString()),
                environment, logDir.resolve(name + ".log"), WatchedProcess.Ending.TERM);
        JavaService service = new JavaService(name, process, "http://127.0.0.1:" + healthPort + "/health");
        service.awaitHealthy(timeout);
        return service;
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + process.log());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(10));
                throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s; see " + process.log());
            }
            sleep(200);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return process.log();
    }

    /** SIGTERM and wait; true when it ended with status 0 within the timeout. */
    boolean stop(Duration timeout) {
        return process.stop(timeout) && process.exitValue() == 0;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
