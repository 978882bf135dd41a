package io.clickmap.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.event.ClickEvent;
import io.clickmap.event.Source;
import io.clickmap.testing.ClickHouseExtension;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventStoreTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    private static Client client;
    private static EventStore store;

    @BeforeAll
    static void migrate() {
        ClickHouseConfig config = new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password());
        client = ClickHouseClients.create(config);
        ClickHouseSql sql = new ClickHouseSql(client);
        Migrations.apply(sql, config);
        store = new EventStore(sql, config);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static ClickEvent event(int n, String padding) {
        Map<String, String> scalars = new LinkedHashMap<>();
        scalars.put("$browser", "Firefox");
        scalars.put("n", String.valueOf(n));
        return new ClickEvent(new UUID(0x0123456789abcdefL ^ n, 0xfedcba9876543210L), 7, "$autocapture",
                Instant.parse("2026-11-20T10:15:30Z").plusSeconds(n), "user-" + n, "https://shop.example.com/" + n,
                "a:text=\"" + padding + "\"", "{\"n\":" + n + ",\"é\":\"东\"}", scalars);
    }

    @Test
    void everyColumnOfEveryRowComesBackAsWrittenAcrossChunkBoundaries() {
        EventBatch batch = storeAndReadBack("topic-a", "p".repeat(100_000));

        // Rows straddle the chunks they are encoded in; their repeated text compresses to a few blocks.
        assertThat(batch.rows().encoded()).isGreaterThan(2 * RowBinary.CHUNK_BYTES);
    }

    @Test
    void rowsThatDoNotCompressComeBackAsWrittenAcrossCompressedChunkBoundaries() {
        Random random = new Random(42);
        StringBuilder letters = new StringBuilder(100_000);
        for (int i = 0; i < 100_000; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        EventBatch batch = storeAndReadBack("topic-c", letters.toString());

        // Compressed blocks straddle the chunks that hold them.
        assertThat(batch.bytes()).isGreaterThan(2 * NativeBlocks.CHUNK_BYTES);
    }

    /** Stores 40 rows with growing padding in their chains, checks every column of each of them, returns the batch. */
    private static EventBatch storeAndReadBack(String topic, String padding) {
        EventBatch batch = new EventBatch(topic, 3, 202611);
        for (int n = 0; n < 40; n++) {
            batch.add(event(n, padding.substring(0, 1 + n * 2_500)), new Source(topic, 3, 1_000 + n, 0));
        }

        assertThat(store.store(batch)).isEqualTo(40);
        assertThat(CLICKHOUSE.sql("SELECT count() FROM events WHERE kafka_topic = '" + topic + "' FORMAT TSV").strip()).isEqualTo("40");

        for (int n = 0; n < 40; n++) {
            ClickEvent expected = event(n, padding.substring(0, 1 + n * 2_500));
            String row = CLICKHOUSE.sql("SELECT toString(uuid), team_id, event, timestamp, distinct_id, current_url, elements_chain = '"
                    + expected.elementsChain() + "', properties, property_keys, property_values, kafka_topic, kafka_partition, kafka_offset "
                    + "FROM events WHERE kafka_topic = '" + topic + "' AND kafka_offset = " + (1_000 + n) + " FORMAT TSV").strip();
            assertThat(row).isEqualTo(expected.uuid() + "\t7\t$autocapture\t2026-11-20 10:" + (15 + (30 + n) / 60) + ":" + String.format("%02d", (30 + n) % 60)
                    + "\tuser-" + n + "\thttps://shop.example.com/" + n + "\t1\t{\"n\":" + n + ",\"é\":\"东\"}\t['$browser','n']\t['Firefox','" + n + "']"
                    + "\t" + topic + "\t3\t" + (1_000 + n));
        }
        return batch;
    }

    @Test
    void aBatchWhoseInsertMayHaveLandedIsNotStoredTwice() {
        EventBatch batch = new EventBatch("topic-b", 0, 202611);
        batch.add(event(1, "x"), new Source("topic-b", 0, 5, 0));
        assertThat(store.store(batch)).isEqualTo(1);
        batch.markUncertain(List.of(batch));

        assertThat(store.store(batch)).isZero();
        assertThat(CLICKHOUSE.sql("SELECT count() FROM events WHERE kafka_topic = 'topic-b' FORMAT TSV").strip()).isEqualTo("1");
    }

    @Test
    void batchesOfOneMonthFromSeveralPartitionsAreOneInsertAndOnePart() {
        EventBatch first = new EventBatch("topic-d", 0, 202611);
        EventBatch second = new EventBatch("topic-d", 1, 202611);
        for (int n = 0; n < 3; n++) {
            first.add(event(n, "x"), new Source("topic-d", 0, 10 + n, 0));
            second.add(event(10 + n, "y"), new Source("topic-d", 1, 70 + n, 0));
        }

        assertThat(store.store(List.of(first, second))).isEqualTo(6);
        // one part holds both partitions' rows (a merge could only join parts, never split one)
        assertThat(CLICKHOUSE.sql("SELECT count(), uniqExact(_part), uniqExact(kafka_partition) FROM events WHERE kafka_topic = 'topic-d' FORMAT TSV")
                .strip()).isEqualTo("6\t1\t2");

        // an ambiguous failure of that insert: both batches are found stored, nothing is written twice
        first.markUncertain(List.of(first, second));
        second.markUncertain(List.of(first, second));
        assertThat(store.store(List.of(first, second))).isZero();
        assertThat(CLICKHOUSE.sql("SELECT count() FROM events WHERE kafka_topic = 'topic-d' FORMAT TSV").strip()).isEqualTo("6");
    }

    @Test
    void batchesOfDifferentMonthsAreNeverOneInsert() {
        EventBatch november = new EventBatch("topic-e", 0, 202611);
        EventBatch december = new EventBatch("topic-e", 0, 202612);

        assertThatThrownBy(() -> store.store(List.of(november, december))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one month");
    }
}
