package io.clickmap.local;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;

/**
 * Debian's ClickHouse server binary run as a child process with a config of its own: its data
 * directory, loopback-only listeners on the given ports, warnings-only logs (docs/architecture.md).
 * Ready when {@code /ping} answers. The same data directory may be started again and again.
 */
public final class ClickHouseProcess {
    private static final List<Path> BINARIES = List.of(
            Path.of("/usr/bin/clickhouse-server"), Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Where a server keeps its data and logs, and the ports it listens on. */
    public record Layout(Path dataDir, Path logDir, int httpPort, int tcpPort) {
    }

    private final Path binary;
    private final Layout layout;
    private final WatchedProcess.Ending ending;
    private final String clusterConfig;
    private WatchedProcess process;

    public ClickHouseProcess(Path binary, Layout layout, WatchedProcess.Ending ending) {
        this(binary, layout, "", ending);
    }

    /** A server that is one member of a cluster: {@code clusterConfig} is the XML its config adds (ClickHouseCluster). */
    ClickHouseProcess(Path binary, Layout layout, String clusterConfig, WatchedProcess.Ending ending) {
        this.binary = binary;
        this.layout = layout;
        this.clusterConfig = clusterConfig;
        this.ending = ending;
    }

    public static Optional<Path> findBinary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + layout.httpPort();
    }

    public Layout layout() {
        return layout;
    }

    /** Starts the server and waits until it answers; throws, pointing at its log, when it does not. */
    public synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        Path config = writeConfig();
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (binary.getFileName().toString().equals("clickhouse")) {
            command.add("server");
        }
        command.add("--config-file=" + config);
        process = WatchedProcess.start("clickhouse", command, Map.of(), layout.logDir().resolve("stdout.log"), ending);
        Path errors = layout.logDir().resolve("err.log");
        try {
            process.awaitReady(this::answers, timeout, 50, "ClickHouse did not answer on " + httpUrl() + " (its own log: " + errors + ")");
        } catch (IllegalStateException e) {
            // the message carries the reason: a test's temporary directory, logs and all, is gone by the time anyone looks
            throw new IllegalStateException(e.getMessage() + "; its last errors:\n" + lastLines(errors, 8), e);
        }
    }

    /** The log's last messages, without the stack frames that follow each. */
    private static String lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.matches("\\s*\\d+\\. .*")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(no " + log.getFileName() + ")";
        }
    }

    /** Stops the server (its signal decides how) and waits, at most 30 s, until its port no longer answers. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.stop(Duration.ofSeconds(30));
        process = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answers()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("something still answers on " + httpUrl() + " after ClickHouse was stopped");
            }
            sleep(50);
        }
    }

    /** Runs one statement over HTTP and returns the answer as text (TabSeparated); throws with the server's message. */
    public String query(String sql) {
        return query(sql, Map.of());
    }

    /**
     * As {@link #query(String)} under these settings, given as URL parameters: they apply to the whole statement (in
     * {@code INSERT … SELECT … SETTINGS} they would be the SELECT's only).
     */
    public String query(String sql, Map<String, String> settings) {
        StringBuilder url = new StringBuilder(httpUrl()).append("/?");
        settings.forEach((name, value) -> url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(httpUrl() + " answered " + response.statusCode() + " to " + sql + ": " + response.body());
            }
            return response.body().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path writeConfig() {
        String data = layout.dataDir().toAbsolutePath().toString();
        String logs = layout.logDir().toAbsolutePath().toString();
        String xml = """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%s/server.log</log><errorlog>%s/err.log</errorlog><console>0</console></logger>
                  <http_port>%d</http_port>
                  <tcp_port>%d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%s/data/</path>
                  <tmp_path>%s/tmp/</tmp_path>
                  <user_files_path>%s/user_files/</user_files_path>
                  <format_schema_path>%s/format_schemas/</format_schema_path>
                  <users_config>/etc/clickhouse-server/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <mark_cache_size>268435456</mark_cache_size>
                %s</yandex>
                """.formatted(logs, logs, layout.httpPort(), layout.tcpPort(), data, data, data, data, clusterConfig);
        try {
            Files.createDirectories(layout.dataDir());
            Files.createDirectories(layout.logDir());
            Path config = layout.dataDir().resolve("config.xml");
            Files.writeString(config, xml);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
