package io.clickmap.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's {@code clickhouse-server} binary started as a child process, with its own config, data
 * directory and free ports (see CLICKHOUSE_LOCAL.md). A small shell watchdog sits between this JVM and
 * the server: when the JVM goes away, even by SIGKILL, the watchdog's stdin closes and it stops the
 * server, so no process outlives the test run. Logs stay under {@code target/clickhouse/} for failing tests.
 */
final class LocalClickHouse implements ClickHouseServer {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouse.class);
    private static final List<Path> BINARIES = List.of(
            Path.of("/usr/bin/clickhouse-server"), Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path dataDir;
    private final Path logDir;
    private final Path configFile;
    private final int httpPort;
    private Process watchdog;

    private LocalClickHouse(Path binary, Path dataDir, Path logDir, int httpPort, int tcpPort) {
        this.binary = binary;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.httpPort = httpPort;
        this.configFile = dataDir.resolve("config.xml");
        writeConfig(tcpPort);
    }

    static Optional<Path> findBinary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    static LocalClickHouse launch(Path binary) {
        for (int attempt = 1; ; attempt++) {
            LocalClickHouse server = null;
            try {
                Path dataDir = Files.createTempDirectory("clickmap-clickhouse-");
                Path logDir = Path.of("target", "clickhouse", dataDir.getFileName().toString()).toAbsolutePath();
                Files.createDirectories(logDir);
                server = new LocalClickHouse(binary, dataDir, logDir, FreePorts.next(), FreePorts.next());
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                // A port taken between choosing and binding is the usual cause; one more try with new ports.
                if (server != null) {
                    server.close();
                }
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public String user() {
        return "default";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public boolean canStop() {
        return true;
    }

    @Override
    public synchronized void start() {
        if (watchdog != null && watchdog.isAlive()) {
            return;
        }
        // SIGKILL, like a crash: MergeTree parts are complete on disk once an insert returns, and an
        // orderly 18.16 shutdown waits ~10 s for idle keep-alive connections.
        String script = "\"$0\" --config-file=\"$1\" >/dev/null 2>&1 & server=$!; read -r _; kill -KILL $server; wait $server";
        try {
            watchdog = new ProcessBuilder("sh", "-c", script, binary.toString(), configFile.toString())
                    .redirectOutput(logDir.resolve("stdout.log").toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!HttpSql.ping(httpUrl())) {
            if (!watchdog.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("clickhouse-server did not answer on " + httpUrl() + "; see " + logDir);
            }
            sleep(50);
        }
        LOG.info("ClickHouse {} ready at {} (data {}, logs {})", binary, httpUrl(), dataDir, logDir);
    }

    @Override
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        try (OutputStream stdin = watchdog.getOutputStream()) {
            stdin.write('\n');
        } catch (IOException ignored) {
            // the watchdog already exited: nothing left to stop
        }
        try {
            if (!watchdog.waitFor(30, TimeUnit.SECONDS)) {
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog = null;
        while (HttpSql.ping(httpUrl())) {
            sleep(50);
        }
    }

    @Override
    public String logLocation() {
        return logDir.toString();
    }

    @Override
    public void close() {
        stop();
        TempDirs.delete(dataDir);
    }

    private void writeConfig(int tcpPort) {
        String dir = dataDir.toString();
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
                </yandex>
                """.formatted(logDir, logDir, httpPort, tcpPort, dir, dir, dir, dir);
        try {
            Files.writeString(configFile, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
