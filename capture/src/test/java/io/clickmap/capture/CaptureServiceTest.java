package io.clickmap.capture;

import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.testing.ClickHouseExtension;
import io.clickmap.testing.KafkaExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Capture started for real (Micronaut, Netty) against the real Kafka and ClickHouse of test-support: a topic
 * and a database of its own per test class, migrated, with environment 1 whose token is {@code phc_shop}.
 * Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CaptureServiceTest implements TestPropertyProvider {
    public static final String TOKEN = "phc_shop";

    @RegisterExtension
    protected static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension
    protected static final KafkaExtension KAFKA = new KafkaExtension();

    @Inject
    protected EmbeddedServer server;
    protected String topic;

    @Override
    public Map<String, String> getProperties() {
        topic = KAFKA.newTopic("capture", 2);
        try (var client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            Migrations.apply(new ClickHouseSql(client), CLICKHOUSE.database());
        }
        CLICKHOUSE.sql("INSERT INTO environments (id, name, token, created_at, deleted, version) VALUES (1, 'Shop', '" + TOKEN + "', now(), 0, 1)");
        Map<String, String> properties = new HashMap<>();
        properties.put("micronaut.server.port", "-1");
        properties.put("capture.kafka-bootstrap-servers", KAFKA.bootstrapServers());
        properties.put("capture.kafka-topic", topic);
        properties.put("capture.clickhouse-url", CLICKHOUSE.url());
        properties.put("capture.clickhouse-database", CLICKHOUSE.database());
        properties.put("capture.clickhouse-user", CLICKHOUSE.user());
        properties.put("capture.clickhouse-password", CLICKHOUSE.password());
        properties.putAll(settings());
        return properties;
    }

    /** Settings this test class adds or overrides. */
    protected Map<String, String> settings() {
        return Map.of();
    }
}
