package io.clickmap.api.clickhouse;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The service's one ClickHouse client, built by the shared factory and closed with the application. */
@Factory
public class ClickHouseFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Client clickHouseClient(ClickHouseSettings config) {
        return ClickHouseClients.create(config.clickHouse());
    }

    @Singleton
    ClickHouseSql clickHouseSql(Client client) {
        return new ClickHouseSql(client);
    }
}
