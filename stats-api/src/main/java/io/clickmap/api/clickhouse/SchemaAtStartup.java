package io.clickmap.api.clickhouse;

import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the current schema before the service answers anything. ClickHouse may start
 * after this service (compose), so an unreachable server is retried until {@code clickmap.startup-timeout};
 * after that start-up fails with the reason. A migration that fails on a reachable server fails at once.
 */
@Context
public class SchemaAtStartup {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaAtStartup.class);

    public SchemaAtStartup(ClickHouseSql sql, ClickHouseSettings config) {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                Migrations.apply(sql, config.clickHouse());
                LOG.info("Schema of {} is current", config.clickHouse());
                return;
            } catch (RuntimeException e) {
                if (!ClickHouseFailure.isUnavailable(e) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot prepare the schema in " + config.clickHouse() + ": " + e.getMessage(), e);
                }
                LOG.warn("ClickHouse at {} is not reachable yet ({}); retrying for up to {}", config.clickhouseUrl(), e.getMessage(),
                        config.startupTimeout());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
        }
    }
}
