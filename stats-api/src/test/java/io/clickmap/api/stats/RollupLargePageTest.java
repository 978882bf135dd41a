package io.clickmap.api.stats;

import io.clickmap.api.query.DateRange;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rollup page near the largest limit: 800,000 distinct chains, whose hashes written as one {@code IN} list would
 * exceed ClickHouse's {@code max_query_size} (16 MiB). Every chain's text arrives, looked up in chunks.
 */
@MicronautTest
class RollupLargePageTest extends ServiceTest {
    private static final int CHAINS = 800_000;

    @Inject
    RollupStorage rollup;

    @BeforeAll
    void clickEveryChainOnce() {
        CLICKHOUSE.sql("""
                INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                    property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
                SELECT generateUUIDv4(), 1, '$autocapture', toDateTime('2025-07-01 12:00:00', 'UTC'), toString(number),
                       'https://shop.example.com/', concat('a:href="/p', toString(number), '"'), '{}', [], [], 'large', 0, number
                FROM numbers(%d)""".formatted(CHAINS));
    }

    @Test
    void aPageOfEightHundredThousandChainsCarriesEveryChainsText() {
        StatsQuery query = new StatsQuery(1, List.of("$autocapture"),
                new DateRange(Instant.parse("2025-07-01T00:00:00Z"), Instant.parse("2025-07-01T23:59:59Z")), List.of(), 999_999, 0, 1.0);

        List<StatsRow> rows = rollup.fetch(query, new ServerTiming());

        assertThat(rows).hasSize(CHAINS);
        assertThat(rows).allSatisfy(row -> assertThat(row.chain()).startsWith("a:href=\"/p"));
        assertThat(rows.stream().map(StatsRow::chain).distinct().count()).isEqualTo(CHAINS);
    }
}
