package io.clickmap.testing;

import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a test class a real ClickHouse and a database of its own, dropped after the class.
 * Register it as a static field with {@code @RegisterExtension}. The database is created on first
 * use, so frameworks that read it before JUnit's callbacks run (Micronaut's property providers) work.
 */
public final class ClickHouseExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseExtension.class);

    private String database;
    private boolean failed;

    @Override
    public void beforeAll(ExtensionContext context) {
        database();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (failed && !server().logLocation().isEmpty()) {
            LOG.warn("{} failed; ClickHouse's own log is in {}", context.getDisplayName(), server().logLocation());
        }
        if (database != null) {
            if (!server().canStop() || HttpSql.ping(server().httpUrl())) {
                HttpSql.execute(server(), null, "DROP DATABASE IF EXISTS " + database);
            }
            database = null;
        }
    }

    public ClickHouseServer server() {
        return SharedServers.clickHouse();
    }

    /** This class's database, created on first call. */
    public synchronized String database() {
        if (database == null) {
            database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            HttpSql.execute(server(), null, "CREATE DATABASE " + database);
        }
        return database;
    }

    public String url() {
        return server().httpUrl();
    }

    public String user() {
        return server().user();
    }

    public String password() {
        return server().password();
    }

    /** Runs a statement in this class's database; returns ClickHouse's answer as text (add FORMAT to choose). */
    public String sql(String statement) {
        return HttpSql.execute(server(), database(), statement);
    }
}
