package io.clickmap.ingest;

import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.event.ConfiguredEnvironments;
import io.clickmap.event.Environments;
import io.clickmap.ingest.config.IngestConfig;
import io.clickmap.ingest.consume.Failure;
import io.clickmap.ingest.consume.FlushListener;
import io.clickmap.event.StoredEnvironments;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts the ingest service: configuration, schema, consumer loop, status port. Runs until SIGTERM,
 * then stores and commits what it holds and exits 0 within 10 s; exits 1 on a bug or bad configuration.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);
    private static final Duration STOP_BUDGET = Duration.ofMillis(9_500);

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        IngestConfig config;
        try {
            config = IngestConfig.load(configFile(args), System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("Bad configuration: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Ingest ingest = Ingest.start(config, FlushListener.NONE);
        // SIGTERM and Ctrl-C ask the loop to finish its work; the JVM's own handling would exit with 143.
        Signal.handle(new Signal("TERM"), signal -> stopWithin(ingest, STOP_BUDGET));
        Signal.handle(new Signal("INT"), signal -> stopWithin(ingest, STOP_BUDGET));
        try {
            ingest.run();
        } catch (RuntimeException e) {
            LOG.error("Ingest stopped by a failure it cannot retry; nothing past the last commit is skipped, restart after fixing it", e);
            System.exit(1);
        }
        LOG.info("Ingest stopped");
        System.exit(0);
    }

    private static void stopWithin(Ingest ingest, Duration budget) {
        LOG.info("Stopping: storing and committing what is buffered");
        ingest.stop();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(budget.toMillis());
                LOG.error("Ingest did not stop within {} s; exiting without committing the rest", budget.toSeconds());
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                return Path.of(args[i + 1]);
            }
        }
        String fromEnvironment = System.getenv("CLICKMAP_INGEST_CONFIG");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    /** Waits for ClickHouse at start-up instead of failing: in compose it may come up after us. */
    static void migrate(ClickHouseSql sql, ClickHouseConfig clickHouse) {
        for (long delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
            try {
                Migrations.apply(sql, clickHouse);
                return;
            } catch (RuntimeException e) {
                if (Failure.of(e) == Failure.BUG) {
                    throw e;
                }
                LOG.warn("ClickHouse not reachable yet ({}); retrying in {} ms", e.getClass().getSimpleName(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for ClickHouse", interrupted);
                }
            }
        }
    }

    static Environments environments(IngestConfig config, ClickHouseSql sql) {
        return config.environmentsFromTable()
                ? new StoredEnvironments(sql, config.environments(), Clock.systemUTC())
                : new ConfiguredEnvironments(config.environments());
    }
}
