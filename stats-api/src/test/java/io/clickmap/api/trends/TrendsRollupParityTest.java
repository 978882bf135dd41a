package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same saved trends answered by this service ({@code clickmap.trends-storage: auto}) and by a second one over the
 * same database that always reads {@code events} ({@code raw}): identical {@code result}s, and the first says in
 * {@code Server-Timing} and {@code hogql} that it read the rollups wherever they can count the query — {@code clicks_daily}
 * alone without element filters, {@code chain_clicks_daily} and {@code chainless_clicks_daily} with element filters but no
 * URL filter or breakdown, else {@code element_clicks_daily} and {@code chainless_clicks_daily}. The data is
 * 4,000 generated clicks over twelve days of June 2025 and 1,200 over the last ten days up to now, with chains and
 * without, six URLs (one empty), the three event types and another environment, and 90 clicks without a chain on
 * three checkout pages that no click with a chain has. Distinct-id math comes from {@code daily_ids} (with the events
 * of partial days) and is checked against plain {@code uniqExact} over 6,000 more clicks of 2,500 ids and 900
 * sessions in July's first week.
 */
@MicronautTest
class TrendsRollupParityTest extends ServiceTest {
    private static final String JUNE = "\"dateRange\":{\"date_from\":\"2025-06-01\",\"date_to\":\"2025-06-12\"}";
    private static final String AUTOCAPTURE = "{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}";
    private static final String ALL_EVENTS = "{\"kind\":\"EventsNode\",\"event\":null}";
    private static final String RAGE_AND_DEAD = "{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"},{\"kind\":\"EventsNode\",\"event\":\"$dead_click\"}";
    private static final String CHECKOUT = "https://shop.example.com/checkout?step=";
    /** Whole days from clicks_daily alone. */
    private static final Path CLICKS = new Path("rollup", List.of("FROM clicks_daily"), List.of("FROM element_clicks_daily", "FROM chainless_clicks_daily"));
    /** Whole days from the element rollups, which hold the chains. */
    private static final Path ELEMENT_CLICKS = new Path("rollup", List.of("FROM element_clicks_daily", "FROM chainless_clicks_daily"),
            List.of("FROM clicks_daily"));
    /** Whole days from the chain rollup without the page, with the chainless one. */
    private static final Path CHAIN_CLICKS = new Path("rollup", List.of("FROM chain_clicks_daily", "FROM chainless_clicks_daily"),
            List.of("FROM clicks_daily", "FROM element_clicks_daily"));
    private static final Path RAW = new Path("raw", List.of(), List.of("clicks_daily", "daily_ids"));
    /** Distinct ids of whole days from daily_ids alone. */
    private static final Path IDS = new Path("rollup", List.of("FROM daily_ids"), List.of("FROM events", "clicks_daily"));
    /** Distinct ids of whole days from daily_ids, counted together with those of partial days from events. */
    private static final Path IDS_AND_EVENTS = new Path("rollup", List.of("FROM daily_ids", "FROM events"), List.of("clicks_daily"));

    /** What the auto service says in Server-Timing ({@code trends}), and which rollups its statements read and do not. */
    private record Path(String timing, List<String> reads, List<String> doesNotRead) {
    }

    @Inject
    InternalUsers internalUsers;

    private EmbeddedServer rawServer;

    @BeforeAll
    void storeClicksAndStartARawService() {
        // Clicks stored in the second V009 or V010 was recorded count as older than its rollup (their days go raw): store later ones.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> scalar("SELECT now() > max(applied_at) FROM schema_migrations WHERE version IN (9, 10, 15, 16)").equals("1"));
        CLICKHOUSE.sql(clicks("toDateTime('2025-06-01 00:00:00', 'UTC') + (number * 7919) % (12 * 86400)", 4000));
        CLICKHOUSE.sql(clicks("now() - (number * 7919) % (10 * 86400)", 1200));
        CLICKHOUSE.sql(chainlessCheckoutClicks());
        CLICKHOUSE.sql(manyIds());
        internalUsers.add(1, "tester");

        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("clickmap.trends-storage", "raw");
        rawServer = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    void stopTheRawService() {
        if (rawServer != null) {
            rawServer.close();
        }
    }

    /** {@code count} clicks at {@code time} (of {@code number}): environment 2 gets every 13th; every 9th has no chain. */
    static String clicks(String time, int count) {
        return """
                INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                    property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
                SELECT generateUUIDv4(),
                       if(number % 13 = 0, 2, 1),
                       ['$autocapture', '$autocapture', '$rageclick', '$dead_click', '$autocapture'][number % 5 + 1],
                       {time},
                       toString(number % 40),
                       ['https://shop.example.com/', 'https://www.shop.example.com/pricing?x=1', 'http://shop.example.com/pricing/',
                        'https://shop.example.com/pricing#faq', '', 'https://blog.example.com/it\\'s "quoted"/'][intDiv(number, 7) % 6 + 1],
                       multiIf(number % 9 = 0, '',
                               number % 4 = 0, 'button.buy:attr__data-attr="buy"nth-child="2"nth-of-type="1"text="Buy";div.cart:nth-child="1"nth-of-type="1"',
                               number % 4 = 1, 'a.nav:href="/pricing"nth-child="1"nth-of-type="1"text="Pricing";nav:nth-child="1"nth-of-type="1"',
                               concat('a.btn:href="/p', toString(number % 7), '"nth-child="0"nth-of-type="0"text="Item ', toString(number % 7),
                                      '";div.cart:nth-child="', toString(number % 3), '"nth-of-type="0"')),
                       '{}', ['$browser'], [if(number % 3 = 0, 'Chrome', 'Firefox')], 'parity', 0, number
                FROM numbers({count})""".replace("{time}", time).replace("{count}", String.valueOf(count));
    }

    /** 90 clicks without a chain over June's twelve days on three checkout pages, of environment 1. */
    static String chainlessCheckoutClicks() {
        return """
                INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                    property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
                SELECT generateUUIDv4(), 1, ['$autocapture', '$rageclick', '$dead_click'][number % 3 + 1],
                       toDateTime('2025-06-01 00:00:00', 'UTC') + (number * 3571) % (12 * 86400), toString(number % 10),
                       concat('{checkout}', toString(number % 3)), '', '{}', emptyArrayString(), emptyArrayString(), 'parity', 1, number
                FROM numbers(90)""".replace("{checkout}", CHECKOUT);
    }

    @Test
    void theGeneratedClicksReallyFillTheRollups() {
        assertThat(scalar("SELECT sum(count) FROM clicks_daily WHERE team_id = 1"))
                .isEqualTo(scalar("SELECT count() FROM events WHERE team_id = 1"));
        assertThat(scalar("SELECT sum(count) FROM chainless_clicks_daily WHERE team_id = 1"))
                .isEqualTo(scalar("SELECT count() FROM events WHERE team_id = 1 AND elements_chain = ''")).isNotEqualTo("0");
        assertThat(scalar("SELECT sum(count) FROM element_clicks_daily WHERE team_id = 1"))
                .isEqualTo(scalar("SELECT count() FROM events WHERE team_id = 1 AND elements_chain != ''"));
        assertThat(scalar("SELECT uniqExact(day, event, id_hash) FROM daily_ids WHERE team_id = 1"))
                .isEqualTo(scalar("SELECT uniqExact(toDate(timestamp), event, distinct_id) FROM events WHERE team_id = 1"));
    }

    @Test
    void totalsByDayWeekAndMonthAreIdenticalFromClicksDaily() {
        assertSameResult(CLICKS, trends(AUTOCAPTURE, JUNE));
        assertSameResult(CLICKS, trends(ALL_EVENTS, JUNE + ",\"interval\":\"week\""));
        assertSameResult(CLICKS, trends(RAGE_AND_DEAD, JUNE + ",\"interval\":\"month\""));
        assertSameResult(CLICKS, trends(ALL_EVENTS, "\"dateRange\":{\"date_from\":\"-7d\"}"));
        assertSameResult(CLICKS, trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"all\"},\"interval\":\"month\""));
        assertSameResult(CLICKS, trends(AUTOCAPTURE, JUNE + ",\"trendsFilter\":{\"display\":\"ActionsLineGraphCumulative\"}"));
        assertSameResult(CLICKS, trends(ALL_EVENTS, "\"dateRange\":{\"date_from\":\"-3d\"},\"trendsFilter\":{\"display\":\"BoldNumber\"}"));
        assertSameResult(CLICKS, trends(AUTOCAPTURE + "," + RAGE_AND_DEAD, JUNE + ",\"trendsFilter\":{\"formula\":\"A+2*B-C\"}"));
        assertSameResult(CLICKS, trends(ALL_EVENTS, JUNE + ",\"filterTestAccounts\":false"));
    }

    @Test
    void elementFiltersSelectTheSameClicksFromTheChainRollup() {
        for (String filter : List.of(
                element("selector", "exact", "\"div.cart > a.btn\""),
                element("selector", "exact", "\"button.buy\""),
                element("tag_name", "is_not", "\"button\""),
                element("text", "icontains", "\"item\""),
                element("href", "regex", "\"^/p[0-3]$\""),
                element("text", "is_not", "[\"Pricing\"]"))) {
            assertSameResult(CHAIN_CLICKS, trends(ALL_EVENTS, JUNE + ",\"properties\":[" + filter + "]"));
        }
        String either = "{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":[" + element("tag_name", "exact", "\"a\"") + ","
                + element("text", "icontains", "\"item\"") + "]},{\"type\":\"AND\",\"values\":[" + element("selector", "exact", "\"button.buy\"") + "]}]}";
        assertSameResult(CHAIN_CLICKS, trends(AUTOCAPTURE + "," + RAGE_AND_DEAD, JUNE + ",\"properties\":" + either + ",\"interval\":\"week\""));
        assertSameResult(CHAIN_CLICKS, trends(ALL_EVENTS, "\"dateRange\":{\"date_from\":\"-7d\"},\"trendsFilter\":{\"display\":\"BoldNumber\"},"
                + "\"properties\":[" + element("tag_name", "is_not", "\"button\"") + "]"));
        assertSameResult(CHAIN_CLICKS, trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"-3d\"},\"compareFilter\":{\"compare\":true},"
                + "\"properties\":[" + element("selector", "exact", "\"div.cart > a.btn\"") + "]"));
    }

    @Test
    void urlFiltersSelectTheSameClicksFromClicksDailyAndWithAnElementFilterFromTheElementRollups() {
        for (String filter : List.of(
                url("exact", "\"https://shop.example.com/\""),
                url("exact", "[\"https://www.shop.example.com/pricing?x=1\", \"https://blog.example.com/it's \\\"quoted\\\"/\"]"),
                url("is_not", "[\"https://shop.example.com/\"]"),
                url("icontains", "\"PRICING\""),
                url("not_icontains", "\"pricing\""),
                url("regex", "\"^https://(www\\\\.)?shop\""),
                url("not_regex", "\"#faq$\""),
                url("is_set", null),
                url("is_not_set", null))) {
            assertSameResult(CLICKS, trends(ALL_EVENTS, JUNE + ",\"properties\":[" + filter + "]"));
        }
        String either = "{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":[" + url("icontains", "\"pricing\"") + ","
                + element("tag_name", "exact", "\"a\"") + "]},{\"type\":\"AND\",\"values\":[" + url("is_not_set", null) + "]}]}";
        assertSameResult(ELEMENT_CLICKS, trends(AUTOCAPTURE, JUNE + ",\"properties\":" + either));
    }

    @Test
    void aUrlBreakdownWithItsLimitAndOtherIsIdenticalFromTheRollups() {
        assertSameResult(CLICKS, trends(ALL_EVENTS, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"}"));
        assertSameResult(CLICKS, trends(AUTOCAPTURE + "," + RAGE_AND_DEAD, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_limit\":2}"));
        assertSameResult(CLICKS, trends(ALL_EVENTS, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_limit\":3,"
                + "\"breakdown_hide_other_aggregation\":true},\"interval\":\"week\""));
        assertSameResult(ELEMENT_CLICKS, trends(ALL_EVENTS, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"},\"properties\":["
                + element("selector", "exact", "\"div.cart > a.btn\"") + "," + url("not_regex", "\"^http:\"") + "]"));
        assertSameResult(CLICKS, trends(ALL_EVENTS, "\"dateRange\":{\"date_from\":\"-7d\"},\"breakdownFilter\":{\"breakdown\":\"$current_url\"},"
                + "\"trendsFilter\":{\"display\":\"ActionsPie\"}"));
    }

    @Test
    void chainlessClicksWithAUrlFilterAndAUrlBreakdownAreIdenticalFromClicksDaily() {
        JsonNode computed = assertSameResult(CLICKS, trends(ALL_EVENTS, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"},"
                + "\"properties\":[" + url("icontains", "\"/CHECKOUT\"") + "]"));

        List<String> pages = new ArrayList<>();
        computed.get("result").forEach(item -> pages.add(item.get("breakdown_value").asText()));
        assertThat(pages).containsExactlyInAnyOrder(CHECKOUT + "0", CHECKOUT + "1", CHECKOUT + "2");
        assertThat(clicksCounted(computed.get("result"))).isEqualTo(90);
        assertSameResult(CLICKS, trends(RAGE_AND_DEAD, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_limit\":2},"
                + "\"properties\":[" + url("regex", "\"step=[12]$\"") + "],\"interval\":\"week\""));
    }

    @Test
    void comparedPeriodsAreIdenticalFromTheRollups() {
        assertSameResult(CLICKS, trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"2025-06-07\",\"date_to\":\"2025-06-12\"},\"compareFilter\":{\"compare\":true}"));
        assertSameResult(CLICKS, trends(ALL_EVENTS, "\"dateRange\":{\"date_from\":\"-3d\"},\"compareFilter\":{\"compare\":true,\"compare_to\":\"-1w\"}"));
    }

    @Test
    void partialDaysOfAnExplicitWindowComeFromTheEventsAndAddUp() {
        String window = "\"dateRange\":{\"date_from\":\"2025-06-02T10:30:00Z\",\"date_to\":\"2025-06-05T13:15:00Z\",\"explicitDate\":true}";
        JsonNode computed = assertSameResult(CLICKS, trends(ALL_EVENTS, window + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"}"));
        assertThat(computed.get("hogql").asText()).contains("FROM events");
        assertSameResult(CLICKS, trends(AUTOCAPTURE, window + ",\"interval\":\"week\""));
        JsonNode withChains = assertSameResult(ELEMENT_CLICKS, trends(ALL_EVENTS, window + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"},"
                + "\"properties\":[" + element("tag_name", "is_not", "\"button\"") + "]"));
        assertThat(withChains.get("hogql").asText()).contains("FROM events");
        JsonNode chainsAlone = assertSameResult(CHAIN_CLICKS, trends(ALL_EVENTS, window + ",\"properties\":[" + element("text", "icontains", "\"item\"") + "]"));
        assertThat(chainsAlone.get("hogql").asText()).contains("FROM events");
        assertSameResult(RAW, trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"2025-06-03T08:00:00Z\",\"date_to\":\"2025-06-03T20:00:00Z\","
                + "\"explicitDate\":true}"));
    }

    @Test
    void aGroupNodeCountsEachClickOnceFromTheRollups() {
        String group = "{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"properties\":["
                + element("selector", "exact", "\"div.cart > a.btn\"") + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"properties\":["
                + url("icontains", "\"pricing\"") + "]},{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}]}";
        assertSameResult(ELEMENT_CLICKS, trends(group, JUNE));
        assertSameResult(ELEMENT_CLICKS, trends(group, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_limit\":4}"));
        String elements = "{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"properties\":["
                + element("selector", "exact", "\"div.cart > a.btn\"") + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"properties\":["
                + element("tag_name", "exact", "\"button\"") + "]},{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}]}";
        assertSameResult(CHAIN_CLICKS, trends(elements, JUNE));
        String pages = "{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$dead_click\",\"properties\":["
                + url("not_icontains", "\"pricing\"") + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"properties\":["
                + url("icontains", "\"pricing\"") + "]},{\"kind\":\"EventsNode\",\"event\":\"$dead_click\"}]}";
        assertSameResult(CLICKS, trends(pages, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"}"));
    }

    @Test
    void whatTheRollupsDoNotHoldIsReadFromTheEventsOnBothServices() {
        assertSameResult(RAW, trends(math("unique_session"), JUNE));
        assertSameResult(RAW, trends(math("dau"), JUNE + ",\"properties\":[" + url("icontains", "\"pricing\"") + "]"));
        assertSameResult(RAW, trends(math("dau"), JUNE + ",\"properties\":[" + element("tag_name", "exact", "\"button\"") + "]"));
        assertSameResult(RAW, trends(math("dau"), JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\"}"));
        assertSameResult(RAW, trends(math("weekly_active"), "\"dateRange\":{\"date_from\":\"2025-06-03\",\"date_to\":\"2025-06-04\"},\"interval\":\"hour\""));
        assertSameResult(RAW, trends(math("dau"), JUNE + ",\"filterTestAccounts\":true"));
        assertSameResult(RAW, trends(AUTOCAPTURE, "\"dateRange\":{\"date_from\":\"2025-06-03\",\"date_to\":\"2025-06-04\"},\"interval\":\"hour\""));
        assertSameResult(RAW, trends(AUTOCAPTURE, JUNE + ",\"properties\":[{\"type\":\"event\",\"key\":\"$browser\",\"value\":\"Chrome\"}]"));
        assertSameResult(RAW, trends(AUTOCAPTURE, JUNE + ",\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_normalize_url\":true}"));
        assertSameResult(RAW, trends(AUTOCAPTURE, JUNE + ",\"samplingFactor\":0.5"));
        assertSameResult(RAW, trends(AUTOCAPTURE, JUNE + ",\"filterTestAccounts\":true"));
        assertSameResult(new Path("mixed", List.of("FROM clicks_daily", "FROM events"), List.of("FROM element_clicks_daily", "daily_ids")),
                trends(AUTOCAPTURE + ",{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"unique_session\"}", JUNE));
        assertSameResult(new Path("rollup", List.of("FROM clicks_daily", "FROM daily_ids"), List.of("FROM events")),
                trends(AUTOCAPTURE + ",{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"dau\"}", JUNE));
    }

    @Test
    void distinctIdsOfWholeDaysFromDailyIdsAndOfPartialDaysFromTheEventsAreCountedTogether() {
        String window = "\"dateRange\":{\"date_from\":\"2025-06-02T10:30:00Z\",\"date_to\":\"2025-06-05T13:15:00Z\",\"explicitDate\":true}";
        assertSameResult(IDS_AND_EVENTS, trends(math("dau"), window));
        // one bucket of whole and partial days: an id seen in both is one id
        assertSameResult(IDS_AND_EVENTS, trends(math("dau"), window + ",\"interval\":\"week\""));
        assertSameResult(IDS_AND_EVENTS, trends(math("dau"), window + ",\"trendsFilter\":{\"display\":\"BoldNumber\"}"));
        assertSameResult(IDS_AND_EVENTS, trends(math("weekly_active"), window));
        assertSameResult(IDS, trends(math("dau"), "\"dateRange\":{\"date_from\":\"-7d\"}"));
        assertSameResult(IDS, trends(math("monthly_active"), JUNE + ",\"interval\":\"month\""));
        assertSameResult(IDS, trends(math("dau"), "\"dateRange\":{\"date_from\":\"2025-06-07\",\"date_to\":\"2025-06-12\"},\"compareFilter\":{\"compare\":true}"));
        String group = "{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"math\":\"dau\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"},"
                + "{\"kind\":\"EventsNode\",\"event\":\"$dead_click\"}]}";
        assertSameResult(IDS, trends(group, JUNE));
        assertSameResult(IDS, trends("{\"kind\":\"EventsNode\",\"event\":null,\"math\":\"weekly_active\"}", JUNE + ",\"interval\":\"week\""));
    }

    @Test
    void distinctMathCountsWhatAPlainUniqExactOverTheEventsCounts() {
        String july = "\"dateRange\":{\"date_from\":\"2025-07-01\",\"date_to\":\"2025-07-07\"}";
        List<Long> dau = new ArrayList<>();
        List<Long> weekly = new ArrayList<>();
        List<Long> sessions = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            String date = "toDate('2025-07-0" + day + "')";
            dau.add(Long.parseLong(scalar("SELECT uniqExact(distinct_id) FROM events WHERE team_id = 1 AND event = '$autocapture' "
                    + "AND toDate(timestamp) = " + date)));
            weekly.add(Long.parseLong(scalar("SELECT uniqExact(distinct_id) FROM events WHERE team_id = 1 AND event = '$autocapture' "
                    + "AND toDate(timestamp) > " + date + " - 7 AND toDate(timestamp) <= " + date)));
            sessions.add(Long.parseLong(scalar("SELECT uniqExact(property_values[indexOf(property_keys, '$session_id')]) FROM events "
                    + "WHERE team_id = 1 AND event = '$autocapture' AND toDate(timestamp) = " + date)));
        }
        long week = Long.parseLong(scalar("SELECT uniqExact(distinct_id) FROM events WHERE team_id = 1 AND event = '$autocapture' "
                + "AND toYYYYMM(timestamp) = 202507"));
        assertThat(dau).as("the fixture spreads its ids over every day").allMatch(count -> count > 500);

        assertThat(data(assertSameResult(IDS, trends(math("dau"), july)))).isEqualTo(dau);
        assertThat(data(assertSameResult(IDS, trends(math("weekly_active"), july)))).isEqualTo(weekly);
        assertThat(data(assertSameResult(RAW, trends(math("unique_session"), july)))).isEqualTo(sessions);
        JsonNode bold = assertSameResult(IDS, trends(math("dau"), july + ",\"trendsFilter\":{\"display\":\"BoldNumber\"}"));
        assertThat(bold.get("result").get(0).get("aggregated_value").asLong()).isEqualTo(week);
    }

    private static String math(String math) {
        return "{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"" + math + "\"}";
    }

    private static List<Long> data(JsonNode answer) {
        List<Long> counts = new ArrayList<>();
        answer.get("result").get(0).get("data").forEach(count -> counts.add(count.asLong()));
        return counts;
    }

    /** 6,000 autocaptures of environment 1 over July's first week by 2,500 ids in 900 sessions. */
    private static String manyIds() {
        return """
                INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                    property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
                SELECT generateUUIDv4(), 1, '$autocapture', toDateTime('2025-07-01 00:00:00', 'UTC') + (number * 7919) % (7 * 86400),
                       concat('user-', toString(number % 2500)), 'https://shop.example.com/', '', '{}', ['$session_id'],
                       [concat('session-', toString(number % 900))], 'parity', 2, number
                FROM numbers(6000)""";
    }

    /** The insight computed by both services: the same result, this one by {@code path}, the raw one from events alone. */
    private JsonNode assertSameResult(Path path, String query) {
        Api.Reply created = api().send("POST", TrendsInsightTest.INSIGHTS, "{\"name\":\"parity\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String insight = TrendsInsightTest.INSIGHTS + created.json().get("id").asLong() + "/?refresh=force_blocking";

        Api.Reply auto = api().get(insight);
        Api.Reply raw = new Api(rawServer.getURL(), ADMIN_KEY).get(insight);

        assertThat(auto.status()).as(auto.body()).isEqualTo(200);
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(auto.json().get("result")).as(query).isEqualTo(raw.json().get("result"));
        assertThat(clicksCounted(auto.json().get("result"))).as("a query that counts nothing compares nothing: %s", query).isPositive();
        assertThat(auto.header("Server-Timing").orElseThrow()).as(query).containsPattern("trends;desc=\"" + path.timing() + "\";dur=[0-9]+\\.[0-9]{2}");
        assertThat(raw.header("Server-Timing").orElseThrow()).as(query).contains("trends;desc=\"raw\"");
        assertThat(raw.json().get("hogql").asText()).doesNotContain("clicks_daily");
        String statements = auto.json().get("hogql").asText();
        path.reads().forEach(table -> assertThat(statements).as(query).contains(table));
        path.doesNotRead().forEach(table -> assertThat(statements).as(query).doesNotContain(table));
        return auto.json();
    }

    static double clicksCounted(JsonNode result) {
        double counted = 0;
        for (JsonNode item : result) {
            counted += item.path("count").asDouble() + item.path("aggregated_value").asDouble();
        }
        return counted;
    }

    static String trends(String series, String more) {
        return "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[" + series + "]," + more + "}}";
    }

    static String element(String key, String operator, String value) {
        return "{\"type\":\"element\",\"key\":\"" + key + "\",\"operator\":\"" + operator + "\",\"value\":" + value + "}";
    }

    static String url(String operator, String value) {
        return "{\"type\":\"event\",\"key\":\"$current_url\",\"operator\":\"" + operator + "\"" + (value == null ? "" : ",\"value\":" + value) + "}";
    }
}
