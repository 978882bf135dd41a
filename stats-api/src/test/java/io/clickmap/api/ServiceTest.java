package io.clickmap.api;

import io.clickmap.testing.ClickHouseExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service started for real (Micronaut, Netty, the real ClickHouse 18.16 of test-support) with a database of
 * its own per test class, a bootstrap key with every scope and environment 1 ("Shop"). Subclasses add
 * {@code @MicronautTest} and may add settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    public static final String ADMIN_KEY = "phx_test_admin_key_0123456789";

    @RegisterExtension
    protected static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("micronaut.server.port", "-1");
        properties.put("clickmap.clickhouse-url", CLICKHOUSE.url());
        properties.put("clickmap.clickhouse-database", CLICKHOUSE.database());
        properties.put("clickmap.clickhouse-user", CLICKHOUSE.user());
        properties.put("clickmap.clickhouse-password", CLICKHOUSE.password());
        properties.put("clickmap.bootstrap-api-key", ADMIN_KEY);
        properties.put("clickmap.bootstrap-environment", "1:Shop:phc_shop");
        properties.putAll(settings());
        return properties;
    }

    /** Settings this test class adds or overrides. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    protected Api api() {
        return new Api(server.getURL(), ADMIN_KEY);
    }

    protected String scalar(String sql) {
        return CLICKHOUSE.sql(sql + " FORMAT TSV").strip();
    }
}
