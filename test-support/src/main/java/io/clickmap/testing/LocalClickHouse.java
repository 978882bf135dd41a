package io.clickmap.testing;

import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.Ports;
import io.clickmap.local.WatchedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local {@code clickhouse-server} binary for one test JVM: a temporary data directory, free
 * ports, logs under {@code target/clickhouse/} so a failing test can show them. Stopped with SIGKILL,
 * like a crash (MergeTree parts are complete on disk once an insert returns, and an orderly 18.16
 * shutdown waits ~10 s for idle keep-alive connections); the data directory is deleted at the end.
 */
final class LocalClickHouse implements ClickHouseServer {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouse.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ClickHouseProcess process;

    private LocalClickHouse(ClickHouseProcess process) {
        this.process = process;
    }

    static LocalClickHouse launch(Path binary) {
        for (int attempt = 1; ; attempt++) {
            Path dataDir = null;
            try {
                dataDir = Files.createTempDirectory("clickmap-clickhouse-");
                Path logDir = Path.of("target", "clickhouse", dataDir.getFileName().toString()).toAbsolutePath();
                ClickHouseProcess process = new ClickHouseProcess(binary,
                        new ClickHouseProcess.Layout(dataDir, logDir, Ports.free(), Ports.free()), WatchedProcess.Ending.KILL);
                process.start(START_TIMEOUT);
                LOG.info("ClickHouse {} ready at {} (data {}, logs {})", binary, process.httpUrl(), dataDir, logDir);
                return new LocalClickHouse(process);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                // A port taken between choosing and binding is the usual cause; one more try with new ports.
                TempDirs.delete(dataDir);
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String httpUrl() {
        return process.httpUrl();
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
    public void stop() {
        process.stop();
    }

    @Override
    public void start() {
        process.start(START_TIMEOUT);
    }

    @Override
    public String logLocation() {
        return process.layout().logDir().toString();
    }

    @Override
    public void close() {
        process.stop();
        TempDirs.delete(process.layout().dataDir());
    }
}
