package io.clickmap.launcher;

import io.clickmap.local.WatchedProcess;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One of Clickmap's services (ingest, stats-api) run as a JVM of its own from the launcher's
 * classpath, configured by environment variables like in production, ready when its
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

    static JavaService start(String name, String mainClass, Map<String, String> environment, int healthPort, Path logDir, Duration timeout) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path codeSource = codeSource(mainClass);
        String logging = Files.isDirectory(codeSource) ? codeSource.resolve("logback.xml").toUri().toString()
                : "jar:" + codeSource.toUri() + "!/logback.xml";
        WatchedProcess process = WatchedProcess.start(name, List.of(java, "-Xms64m", "-Xmx256m", "-Dlogback.configurationFile=" + logging,
                "-cp", codeSource + File.pathSeparator + System.getProperty("java.class.path"), mainClass),
                environment, logDir.resolve(name + ".log"), WatchedProcess.Ending.TERM);
        JavaService service = new JavaService(name, process, "http://127.0.0.1:" + healthPort + "/health");
        service.awaitHealthy(timeout);
        return service;
    }

    /**
     * The service's own jar (or classes folder): first on its classpath, and the home of the logging
     * configuration it is given, since the launcher's classpath holds every module's logback.xml.
     */
    static Path codeSource(String mainClass) {
        try {
            URL location = Class.forName(mainClass, false, JavaService.class.getClassLoader()).getProtectionDomain().getCodeSource().getLocation();
            return Path.of(location.toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(mainClass + " is not on the launcher's classpath", e);
        }
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
