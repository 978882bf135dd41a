package io.clickmap.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.testing.ClickHouseExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test data: click events written straight into {@code events} (as ingest would store them), so the
 * materialized views fill the rollup and the side tables. Read as a story: {@code click(...).times(3)}.
 */
public final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final List<ObjectNode> rows = new ArrayList<>();

    public Click click(long environment, String event, String chain, String url, String timestamp) {
        return new Click(environment, event, chain, url, Instant.parse(timestamp));
    }

    public Click click(long environment, String event, String chain, String url, Instant timestamp) {
        return new Click(environment, event, chain, url, timestamp);
    }

    public void insertInto(ClickHouseExtension clickHouse) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder insert = new StringBuilder("INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, "
                + "elements_chain, properties, property_keys, property_values, kafka_topic, kafka_partition, kafka_offset) FORMAT JSONEachRow\n");
        rows.forEach(row -> insert.append(row).append('\n'));
        clickHouse.sql(insert.toString());
        rows.clear();
    }

    /** One kind of click, added {@link #times} times (each its own event and user). */
    public final class Click {
        private final long environment;
        private final String event;
        private final String chain;
        private final String url;
        private final Instant timestamp;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String distinctId;

        private Click(long environment, String event, String chain, String url, Instant timestamp) {
            this.environment = environment;
            this.event = event;
            this.chain = chain;
            this.url = url;
            this.timestamp = timestamp;
        }

        public Click property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Every event of this click by one user (otherwise each has its own). */
        public Click by(String user) {
            this.distinctId = user;
            return this;
        }

        public Events times(int count) {
            for (int i = 0; i < count; i++) {
                long sequence = SEQUENCE.incrementAndGet();
                ObjectNode row = JSON.createObjectNode();
                row.put("uuid", UUID.randomUUID().toString());
                row.put("team_id", environment);
                row.put("event", event);
                row.put("timestamp", TIME.format(timestamp));
                row.put("distinct_id", distinctId != null ? distinctId : "user-" + sequence);
                row.put("current_url", url);
                row.put("elements_chain", chain);
                ObjectNode props = JSON.createObjectNode();
                props.put("$current_url", url);
                properties.forEach(props::put);
                row.put("properties", props.toString());
                row.putArray("property_keys").addAll(properties.keySet().stream().map(JSON.getNodeFactory()::textNode).toList());
                row.putArray("property_values").addAll(properties.values().stream().map(JSON.getNodeFactory()::textNode).toList());
                row.put("kafka_topic", "test");
                row.put("kafka_partition", 0);
                row.put("kafka_offset", sequence);
                rows.add(row);
            }
            return Events.this;
        }

        public Events once() {
            return times(1);
        }
    }
}
