package io.clickmap.capture;

import com.clickhouse.client.api.Client;
import io.clickmap.capture.config.CaptureConfig;
import io.clickmap.capture.kafka.EventLog;
import io.clickmap.capture.observe.CaptureMetrics;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.event.Environments;
import io.clickmap.event.StoredEnvironments;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/** The service's collaborators: ClickHouse for the environments' tokens, the Kafka event log, the clock. */
@Factory
public class CaptureFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Client clickHouseClient(CaptureConfig config) {
        return ClickHouseClients.create(config.clickHouse());
    }

    @Singleton
    Environments environments(Client client, Clock clock) {
        return new StoredEnvironments(new ClickHouseSql(client), Map.of(), clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    EventLog eventLog(CaptureConfig config, CaptureMetrics metrics) {
        return new EventLog(config, metrics);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
