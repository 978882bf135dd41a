package io.clickmap.api.trends;

import static io.clickmap.api.trends.TrendsRollupParityTest.chainlessCheckoutClicks;
import static io.clickmap.api.trends.TrendsRollupParityTest.clicks;
import static io.clickmap.api.trends.TrendsRollupParityTest.clicksCounted;
import static io.clickmap.api.trends.TrendsRollupParityTest.element;
import static io.clickmap.api.trends.TrendsRollupParityTest.trends;
import static io.clickmap.api.trends.TrendsRollupParityTest.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.local.ClickHouseCluster;
import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.WatchedProcess;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same clicks stored on one server (this service's) and on two shards × two replicas (local 18.16 servers and a
 * ZooKeeper, a second service with {@code clickmap.clickhouse-cluster}): element stats answer with identical bodies and
 * saved trends with identical results, the cluster's read from the same rollups as the single server's.
 */
@MicronautTest
class ClusterParityTest extends ServiceTest {
    private static final String JUNE = "\"dateRange\":{\"date_from\":\"2025-06-01\",\"date_to\":\"2025-06-12\"}";
    private static final String ALL_EVENTS = "{\"kind\":\"EventsNode\",\"event\":null}";
    private static final String AUTOCAPTURE = "{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}";
    private static final String STATS = "/api/environments/1/elements/stats/";

    private ClickHouseCluster cluster;
    private EmbeddedServer clusterService;

    @BeforeAll
    void storeTheSameClicksOnOneServerAndOnACluster() throws IOException {
        Path binary = ClickHouseProcess.findBinary().orElse(null);
        assumeTrue(binary != null, "clickhouse-server is not installed (bin/test installs it)");
        cluster = new ClickHouseCluster(binary, Files.createTempDirectory("clickmap-cluster"), "clickmap", 2, 2,
                System.getProperty("java.class.path"), WatchedProcess.Ending.KILL);
        cluster.start(Duration.ofSeconds(60));
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("clickmap.clickhouse-url", cluster.server(1, 1).httpUrl());
        properties.put("clickmap.clickhouse-database", "clickmap");
        properties.put("clickmap.clickhouse-user", "default");
        properties.put("clickmap.clickhouse-password", "");
        properties.put("clickmap.clickhouse-cluster", "clickmap");
        clusterService = ApplicationContext.run(EmbeddedServer.class, properties);

        // Clicks stored in the second a rollup's migration was recorded count as older than the rollup: store later ones.
        String migrated = "SELECT now() > max(applied_at) FROM schema_migrations";
        await().atMost(Duration.ofSeconds(5)).until(() -> scalar(migrated).equals("1") && onCluster(migrated).equals("1"));
        for (String insert : List.of(clicks("toDateTime('2025-06-01 00:00:00', 'UTC') + (number * 7919) % (12 * 86400)", 4000),
                chainlessCheckoutClicks())) {
            CLICKHOUSE.sql(insert);
            onCluster(insert);
        }
        // every sharded table, the events and each rollup, so a rollup added later is awaited too
        String sharded = "SELECT name FROM system.tables WHERE database = 'clickmap' AND match(name, '_local$') AND match(engine, 'MergeTree$') ORDER BY name";
        List<String> tables = List.of(onCluster(sharded).strip().split("\n"));
        assertThat(tables).contains("events_local", "chain_clicks_daily_local");
        for (String table : tables) {
            cluster.awaitReplicasAgree("SELECT count() FROM clickmap." + table, Duration.ofSeconds(60));
        }
    }

    @AfterAll
    void stopTheCluster() {
        if (clusterService != null) {
            clusterService.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private String onCluster(String sql) {
        return cluster.server(1, 2).query(sql, Map.of("database", "clickmap", "insert_distributed_sync", "1"));
    }

    @Test
    void theClicksAreSpreadOverBothShardsAndTheirRollups() {
        List<String> events = cluster.awaitReplicasAgree("SELECT count() FROM clickmap.events_local", Duration.ofSeconds(10));
        assertThat(events).hasSize(2).allSatisfy(rows -> assertThat(Long.parseLong(rows)).isPositive());
        assertThat(events.stream().mapToLong(Long::parseLong).sum()).isEqualTo(4090);
        assertThat(onCluster("SELECT sum(count) FROM element_clicks_daily")).isEqualTo(scalar("SELECT sum(count) FROM element_clicks_daily"));
    }

    @Test
    void elementStatsAreIdentical() {
        for (String query : List.of(
                "?date_from=2025-06-01&date_to=2025-06-12",
                "?date_from=2025-06-01&date_to=2025-06-12&include=$autocapture&include=$rageclick&include=$dead_click",
                "?date_from=2025-06-03T06:00:00Z&date_to=2025-06-05T18:00:00Z&include=$rageclick,$dead_click",
                "?date_from=2025-06-01&date_to=2025-06-12&paginate_response=true&limit=5&offset=5",
                "?date_from=2025-06-01&date_to=2025-06-12&properties=" + encode("[" + url("icontains", "\"pricing\"") + "]"),
                "?date_from=2025-06-01&date_to=2025-06-12&max_element_chain_depth=1")) {
            Api.Reply single = api().get(STATS + query);
            Api.Reply clustered = new Api(clusterService.getURL(), ADMIN_KEY).get(STATS + query);
            assertThat(single.status()).as(single.body()).isEqualTo(200);
            assertThat(clustered.status()).as(clustered.body()).isEqualTo(200);
            // the pages' next and previous links name each service's own address
            assertThat(Api.json(clustered.body().replace(clusterService.getURL().toString(), server.getURL().toString())))
                    .as(query).isEqualTo(single.json());
            assertThat(single.body()).as("a query that counts nothing compares nothing: %s", query).contains("\"count\":");
            assertThat(clustered.header("Server-Timing").map(ClusterParityTest::path)).as(query)
                    .isEqualTo(single.header("Server-Timing").map(ClusterParityTest::path));
        }
    }

    @Test
    void savedTrendsAreIdenticalAndReadTheSameRollups() {
        for (String query : List.of(
                trends(AUTOCAPTURE, JUNE),
                trends(ALL_EVENTS, JUNE + ",\"interval\":\"week\",\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_limit\":3}"),
                trends(ALL_EVENTS, JUNE + ",\"properties\":[" + element("selector", "exact", "\"div.cart > a.btn\"") + "]"),
                trends(ALL_EVENTS, JUNE + ",\"properties\":[" + element("text", "icontains", "\"item\"") + "," + url("not_regex", "\"^http:\"") + "]"),
                trends(ALL_EVENTS, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"},\"properties\":[" + url("icontains", "\"/CHECKOUT\"") + "]"),
                trends("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"dau\"}", JUNE),
                trends("{\"kind\":\"EventsNode\",\"event\":null,\"math\":\"weekly_active\"}",
                        "\"dateRange\":{\"date_from\":\"2025-06-02T10:30:00Z\",\"date_to\":\"2025-06-09T13:15:00Z\",\"explicitDate\":true}"),
                trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"2025-06-03\",\"date_to\":\"2025-06-04\"},\"interval\":\"hour\""),
                trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"2025-06-07\",\"date_to\":\"2025-06-12\"},\"compareFilter\":{\"compare\":true}"))) {
            Api.Reply single = computed(api(), query);
            Api.Reply clustered = computed(new Api(clusterService.getURL(), ADMIN_KEY), query);
            assertThat(clustered.json().get("result")).as(query).isEqualTo(single.json().get("result"));
            assertThat(clicksCounted(single.json().get("result"))).as("a query that counts nothing compares nothing: %s", query).isPositive();
            assertThat(clustered.header("Server-Timing").map(ClusterParityTest::path)).as(query)
                    .isEqualTo(single.header("Server-Timing").map(ClusterParityTest::path));
            assertThat(clustered.json().get("hogql")).as(query).isEqualTo(single.json().get("hogql"));
        }
    }

    private static Api.Reply computed(Api api, String query) {
        Api.Reply created = api.send("POST", TrendsInsightTest.INSIGHTS, "{\"name\":\"parity\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Reply reply = api.get(TrendsInsightTest.INSIGHTS + created.json().get("id").asLong() + "/?refresh=force_blocking");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    /** Which storage answered, as Server-Timing names it ({@code storage} for stats, {@code trends} for trends). */
    private static String path(String timing) {
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("(storage|trends);desc=\"[a-z]+\"").matcher(timing);
        assertThat(path.find()).as(timing).isTrue();
        return path.group();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
