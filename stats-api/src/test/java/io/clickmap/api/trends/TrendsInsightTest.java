package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.cli.AdminCli;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.clickhouse.SqlLiteral;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Saved TrendsQuery insights computed over real events in the real ClickHouse, on the fixture of PostHog's own
 * trends tests: clicks on 2020-01-09…19 counted by day are {@code [1,0,1,3,1,0,2,0,1,0,1]}.
 */
@MicronautTest
class TrendsInsightTest extends ServiceTest {
    static final String INSIGHTS = "/api/environments/1/insights/";
    static final String BUTTON = "button.btn.checkout:attr__data-attr=\"buy\"attr_id=\"buy\"nth-child=\"2\"nth-of-type=\"1\"text=\"Buy\";"
            + "div.cart:nth-child=\"1\"nth-of-type=\"1\";body:nth-child=\"1\"nth-of-type=\"1\"";
    static final String LINK = "a.nav:href=\"/pricing\"nth-child=\"1\"nth-of-type=\"1\"text=\"Pricing\";nav:nth-child=\"1\"nth-of-type=\"1\";"
            + "body:nth-child=\"1\"nth-of-type=\"1\"";
    static final int[] PER_DAY = {1, 0, 1, 3, 1, 0, 2, 0, 1, 0, 1};
    static final String RANGE = "\"dateRange\":{\"date_from\":\"2020-01-09\",\"date_to\":\"2020-01-19\"}";

    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void storeEvents() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        Events events = new Events();
        for (int day = 0; day < PER_DAY.length; day++) {
            String time = String.format("2020-01-%02dT12:00:00Z", 9 + day);
            for (int i = 0; i < PER_DAY[day]; i++) {
                events.click(1, "$autocapture", i % 2 == 0 ? BUTTON : LINK, "https://shop.example.com/cart?step=" + i, time)
                        .property("$browser", i % 2 == 0 ? "Chrome" : "Firefox").property("$session_id", "s-" + day).property("position", String.valueOf(i)).by("user-" + (i % 2)).once();
            }
        }
        // Rage clicks on the 12th and 15th, by one user, and another environment's clicks, which must not count.
        events.click(1, "$rageclick", BUTTON, "https://shop.example.com/cart", "2020-01-12T08:00:00Z").by("user-0").times(2);
        events.click(1, "$rageclick", BUTTON, "https://shop.example.com/cart", "2020-01-15T08:00:00Z").by("user-0").once();
        events.click(2, "$autocapture", BUTTON, "https://blog.example.com/", "2020-01-12T08:00:00Z").times(5);
        // 30 pages with one click each on the 18th, for breakdown limits.
        for (int page = 0; page < 30; page++) {
            events.click(1, "$dead_click", LINK, "https://shop.example.com/page-" + (page < 10 ? "0" : "") + page, "2020-01-18T09:00:00Z")
                    .property("$pathname", "/page-" + page).times(page < 5 ? 2 : 1);
        }
        events.insertInto(CLICKHOUSE);
    }

    static String trends(String series, String more) {
        return "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[" + series + "]," + RANGE
                + (more.isEmpty() ? "" : "," + more) + "}}";
    }

    static String events(String event) {
        return "{\"kind\":\"EventsNode\",\"event\":" + (event == null ? "null" : "\"" + event + "\"") + "}";
    }

    long create(String query) {
        Api.Reply created = api().send("POST", INSIGHTS, "{\"name\":\"trend\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    JsonNode retrieve(long id, String refresh) {
        Api.Reply reply = api().get(INSIGHTS + id + "/" + (refresh == null ? "" : "?refresh=" + refresh));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    JsonNode computed(String query) {
        return retrieve(create(query), "blocking").get("result");
    }

    /** Computed now, whatever is cached: for answers that change while the query does not. */
    JsonNode recomputed(String query) {
        return retrieve(create(query), "force_blocking").get("result");
    }

    static List<Long> numbers(JsonNode array) {
        List<Long> numbers = new ArrayList<>();
        array.forEach(value -> numbers.add(value.asLong()));
        return numbers;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    @Test
    void clicksByDayAreCountedWithPostHogsLabelsAndDays() {
        JsonNode result = computed(trends(events("$autocapture"), ""));

        assertThat(result).hasSize(1);
        JsonNode item = result.get(0);
        assertThat(numbers(item.get("data"))).containsExactly(1L, 0L, 1L, 3L, 1L, 0L, 2L, 0L, 1L, 0L, 1L);
        assertThat(item.get("count").asLong()).isEqualTo(10);
        assertThat(texts(item.get("labels"))).startsWith("9-Jan-2020", "10-Jan-2020").endsWith("19-Jan-2020").hasSize(11);
        assertThat(texts(item.get("days"))).startsWith("2020-01-09").endsWith("2020-01-19");
        assertThat(item.get("label").asText()).isEqualTo("$autocapture");
        assertThat(item.get("action").get("id").asText()).isEqualTo("$autocapture");
        assertThat(item.get("action").get("math").asText()).isEqualTo("total");
        assertThat(item.get("action").get("days").get(0).asText()).isEqualTo("2020-01-09T00:00:00Z");
        assertThat(item.get("filter").get("insight").asText()).isEqualTo("TRENDS");
        assertThat(item.get("filter").get("interval").asText()).isEqualTo("day");
        assertThat(item.get("order").asInt()).isZero();
    }

    @Test
    void aComputedInsightCarriesItsCacheFieldsAndTheSqlThatRan() {
        long id = create(trends(events("$autocapture"), ""));
        Api.Reply reply = api().get(INSIGHTS + id + "/?refresh=force_blocking");
        JsonNode computed = reply.json();

        assertThat(computed.get("is_cached").asBoolean()).isFalse();
        assertThat(computed.get("last_refresh").asText()).endsWith("Z");
        // The rollups, or the events for days stored within the second the rollups were created (TrendsRollupParityTest compares both).
        boolean fromRollups = reply.header("Server-Timing").orElseThrow().contains("trends;desc=\"rollup\"");
        assertThat(computed.get("hogql").asText()).contains(fromRollups ? "FROM clicks_daily" : "FROM events").contains("count");
        assertThat(computed.get("filters_hash").asText()).startsWith("cache_");
        assertThat(computed.get("resolved_date_range").get("date_from").asText()).isEqualTo("2020-01-09T00:00:00Z");
        assertThat(computed.get("resolved_date_range").get("date_to").asText()).startsWith("2020-01-19T23:59:59");
        assertThat(computed.get("timezone").asText()).isEqualTo("UTC");

        Api.Reply plain = api().get(INSIGHTS + id + "/");
        assertThat(plain.json().get("is_cached").asBoolean()).isTrue();
        assertThat(plain.json().get("result")).isEqualTo(computed.get("result"));
        assertThat(plain.json().get("last_refresh")).isEqualTo(computed.get("last_refresh"));
        assertThat(plain.header("Server-Timing").orElseThrow()).as("only the insight and its alerts are read").contains("desc=\"2 queries\"");
    }

    @Test
    void withoutAComputationAPlainRetrieveHasNoResult() {
        JsonNode insight = retrieve(create(trends(events("$rageclick"), "\"interval\":\"week\"")), null);

        assertThat(insight.get("result").isNull()).isTrue();
        assertThat(insight.get("last_refresh").isNull()).isTrue();
        assertThat(insight.get("is_cached").asBoolean()).isFalse();
    }

    @Test
    void weeksStartOnSundayAndAreLabelledWithTheirDaysInsideTheWindow() {
        JsonNode item = computed(trends(events("$autocapture"), "\"interval\":\"week\"")).get(0);

        assertThat(numbers(item.get("data"))).containsExactly(2L, 7L, 1L);
        assertThat(texts(item.get("labels"))).containsExactly("9\u201311 Jan", "12\u201318 Jan", "19\u201319 Jan");
        assertThat(texts(item.get("days"))).containsExactly("2020-01-05", "2020-01-12", "2020-01-19");
    }

    @Test
    void monthsAndHoursHaveTheirOwnBucketsAndLabels() {
        JsonNode month = computed(trends(events("$autocapture"), "\"interval\":\"month\"")).get(0);
        assertThat(numbers(month.get("data"))).containsExactly(10L);
        assertThat(texts(month.get("labels"))).containsExactly("Jan 2020");
        assertThat(texts(month.get("days"))).containsExactly("2020-01-01");

        JsonNode hours = computed(trends(events("$rageclick"), "\"interval\":\"hour\"")
                .replace(RANGE, "\"dateRange\":{\"date_from\":\"2020-01-12\",\"date_to\":\"2020-01-12\"}")).get(0);
        assertThat(hours.get("data")).hasSize(24);
        assertThat(hours.get("data").get(8).asLong()).isEqualTo(2);
        assertThat(hours.get("count").asLong()).isEqualTo(2);
        assertThat(hours.get("labels").get(8).asText()).isEqualTo("12-Jan 08:00");
        assertThat(hours.get("days").get(8).asText()).isEqualTo("2020-01-12 08:00:00");
    }

    @Test
    void cumulativeIsARunningTotalWhoseCountIsTheLastValue() {
        JsonNode item = computed(trends(events("$autocapture"), "\"trendsFilter\":{\"display\":\"ActionsLineGraphCumulative\"}")).get(0);

        assertThat(numbers(item.get("data"))).containsExactly(1L, 1L, 2L, 5L, 6L, 6L, 8L, 8L, 9L, 9L, 10L);
        assertThat(item.get("count").asLong()).isEqualTo(10);
    }

    @Test
    void smoothingIsTheTrailingMeanRoundedDown() {
        JsonNode item = computed(trends(events("$autocapture"), "\"trendsFilter\":{\"smoothingIntervals\":3}")).get(0);

        assertThat(numbers(item.get("data"))).containsExactly(1L, 0L, 0L, 1L, 1L, 1L, 1L, 0L, 1L, 0L, 0L);
    }

    @Test
    void aBoldNumberIsOneAggregatedValue() {
        JsonNode item = computed(trends(events("$autocapture"), "\"trendsFilter\":{\"display\":\"BoldNumber\"}")).get(0);

        assertThat(item.get("aggregated_value").asLong()).isEqualTo(10);
        assertThat(item.get("data")).isEmpty();
        assertThat(item.get("days")).isEmpty();
        assertThat(item.get("count").asLong()).isZero();
    }

    @Test
    void twoSeriesComeInTheirOrder() {
        JsonNode result = computed(trends(events("$rageclick") + "," + events("$autocapture"), ""));

        assertThat(result).hasSize(2);
        assertThat(result.get(0).get("label").asText()).isEqualTo("$rageclick");
        assertThat(numbers(result.get(0).get("data"))).containsExactly(0L, 0L, 0L, 2L, 0L, 0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(result.get(1).get("order").asInt()).isEqualTo(1);
        assertThat(result.get(1).get("count").asLong()).isEqualTo(10);
    }

    @Test
    void allEventsAndAGroupNodeCountEachEventOnce() {
        JsonNode all = computed(trends(events(null), "")).get(0);
        assertThat(all.get("label").asText()).isEqualTo("All events");
        assertThat(all.get("count").asLong()).isEqualTo(10 + 3 + 35);

        String group = "{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[" + events("$autocapture") + "," + events("$rageclick") + ","
                + events("$autocapture") + "]}";
        JsonNode grouped = computed(trends(group, "")).get(0);
        assertThat(grouped.get("count").asLong()).isEqualTo(13);
        assertThat(grouped.get("label").asText()).isEqualTo("$autocapture, $rageclick");
    }

    @Test
    void comparingGivesTheCurrentItemsThenThePreviousPeriodWithItsOwnDays() {
        JsonNode result = computed(trends(events("$autocapture"), "\"compareFilter\":{\"compare\":true}")
                .replace(RANGE, "\"dateRange\":{\"date_from\":\"2020-01-15\",\"date_to\":\"2020-01-19\"}"));

        assertThat(result).hasSize(2);
        assertThat(result.get(0).get("compare_label").asText()).isEqualTo("current");
        assertThat(numbers(result.get(0).get("data"))).containsExactly(2L, 0L, 1L, 0L, 1L);
        assertThat(result.get(1).get("compare_label").asText()).isEqualTo("previous");
        assertThat(result.get(1).get("compare").asBoolean()).isTrue();
        assertThat(numbers(result.get(1).get("data"))).containsExactly(0L, 1L, 3L, 1L, 0L);
        assertThat(texts(result.get(1).get("days"))).containsExactly("2020-01-10", "2020-01-11", "2020-01-12", "2020-01-13", "2020-01-14");
    }

    @Test
    void breakdownsKeepTheLimitAndFoldTheRestIntoOther() {
        String byPath = "\"breakdownFilter\":{\"breakdown_type\":\"event\",\"breakdown\":\"$pathname\"}";
        JsonNode defaults = computed(trends(events("$dead_click"), byPath));
        assertThat(defaults).as("25 values and other").hasSize(26);
        assertThat(defaults.get(25).get("breakdown_value").asText()).isEqualTo("$$_posthog_breakdown_other_$$");
        assertThat(defaults.get(25).get("count").asLong()).isEqualTo(5);
        assertThat(defaults.get(0).get("count").asLong()).as("the pages clicked twice first").isEqualTo(2);

        JsonNode ten = computed(trends(events("$dead_click"), byPath.replace("}", ",\"breakdown_limit\":10}")));
        assertThat(ten).hasSize(11);
        assertThat(ten.get(10).get("count").asLong()).isEqualTo(35 - 5 * 2 - 5);

        JsonNode hidden = computed(trends(events("$dead_click"), byPath.replace("}", ",\"breakdown_limit\":10,\"breakdown_hide_other_aggregation\":true}")));
        assertThat(hidden).hasSize(10);
    }

    @Test
    void aMissingBreakdownValueIsTheNullSentinelAndBreakdownsAreOrderedByCount() {
        JsonNode result = computed(trends(events("$rageclick") + "," + events("$autocapture"),
                "\"breakdownFilter\":{\"breakdown\":\"$browser\"}"));

        List<String> labels = new ArrayList<>();
        result.forEach(item -> labels.add(item.get("label").asText()));
        assertThat(labels).containsExactly("$rageclick - $$_posthog_breakdown_null_$$", "$autocapture - Chrome", "$autocapture - Firefox");
        // The first click of a day, and the third of the 12th, are Chrome's.
        assertThat(result.get(1).get("count").asLong()).isEqualTo(8);
        assertThat(result.get(2).get("count").asLong()).isEqualTo(2);
        assertThat(result.get(1).get("breakdown_value").asText()).isEqualTo("Chrome");
    }

    @Test
    void distinctMathCountsUsersAndSessions() {
        JsonNode dau = computed(trends("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"dau\"}", "")).get(0);
        // Each day's clicks alternate between user-0 and user-1.
        assertThat(numbers(dau.get("data"))).containsExactly(1L, 0L, 1L, 2L, 1L, 0L, 2L, 0L, 1L, 0L, 1L);

        JsonNode sessions = computed(trends("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"unique_session\"}", "")).get(0);
        assertThat(numbers(sessions.get("data"))).containsExactly(1L, 0L, 1L, 1L, 1L, 0L, 1L, 0L, 1L, 0L, 1L);

        JsonNode weekly = computed(trends("{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"weekly_active\"}", "")).get(0);
        // user-0's rage clicks on the 12th and 15th: active in the trailing 7 days from the 12th to the 21st.
        assertThat(numbers(weekly.get("data"))).containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);

        JsonNode total = computed(trends("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"dau\"}",
                "\"trendsFilter\":{\"display\":\"BoldNumber\"}")).get(0);
        assertThat(total.get("aggregated_value").asLong()).as("distinct over the whole window, not a sum").isEqualTo(2);
    }

    @Test
    void aFormulaCombinesTheSeriesByLetter() {
        JsonNode result = computed(trends(events("$autocapture") + "," + events("$rageclick"), "\"trendsFilter\":{\"formula\":\"A+2*B\"}"));

        assertThat(result).hasSize(1);
        assertThat(result.get(0).get("label").asText()).isEqualTo("Formula (A+2*B)");
        assertThat(numbers(result.get(0).get("data"))).containsExactly(1L, 0L, 1L, 7L, 1L, 0L, 4L, 0L, 1L, 0L, 1L);
        assertThat(result.get(0).get("action").isNull()).isTrue();
    }

    @Test
    void elementFiltersMatchTheStoredChains() {
        String bySelector = "\"properties\":[{\"type\":\"element\",\"key\":\"selector\",\"value\":\"div.cart > button.checkout\",\"operator\":\"exact\"}]";
        JsonNode selected = computed(trends(events("$autocapture"), bySelector)).get(0);
        // BUTTON is the chain of every other click of a day: the first, third…
        assertThat(numbers(selected.get("data"))).containsExactly(1L, 0L, 1L, 2L, 1L, 0L, 1L, 0L, 1L, 0L, 1L);

        String byText = "\"properties\":[{\"type\":\"element\",\"key\":\"text\",\"value\":\"Pricing\",\"operator\":\"exact\"}]";
        assertThat(computed(trends(events("$autocapture"), byText)).get(0).get("count").asLong()).isEqualTo(2);
        String notTag = "\"properties\":[{\"type\":\"element\",\"key\":\"tag_name\",\"value\":\"button\",\"operator\":\"is_not\"}]";
        assertThat(computed(trends(events("$autocapture"), notTag)).get(0).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void aChainStoredAfterAFilterWasMatchedCountsInTheNextComputation() {
        String query = trends(events("$autocapture"), "\"properties\":[{\"type\":\"element\",\"key\":\"selector\",\"value\":\"#late\"}]")
                .replace(RANGE, "\"dateRange\":{\"date_from\":\"2020-02-01\",\"date_to\":\"2020-02-02\"}");
        assertThat(recomputed(query).get(0).get("count").asLong()).isZero();

        String late = "span:attr_id=\"late\"nth-child=\"1\"nth-of-type=\"1\"";
        new Events().click(1, "$autocapture", late, "https://shop.example.com/", "2020-02-01T10:00:00Z")
                .times(2).insertInto(CLICKHOUSE);

        // The kept (empty) matches are used at once and the count read beside the statement tells they are stale.
        Api.Reply again = api().get(INSIGHTS + create(query) + "/?refresh=force_blocking");
        assertThat(again.json().get("result").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(again.header("Server-Timing").orElseThrow().split("trends;", -1)).as("one trends entry for both runs").hasSize(2);
        assertThat(again.json().get("hogql").asText()).as("the statement of the run that stands").contains("element_matches").doesNotContain(";");
        long filter = filterHash(again.json().get("hogql").asText());
        assertThat(scalar("SELECT groupArray(toString(chain_hash)) FROM element_matches WHERE filter_hash = " + filter))
                .as("the new chain's match stored once, by the computation that found it")
                .isEqualTo(scalar("SELECT [toString(cityHash64(" + SqlLiteral.string(late) + "))]"));
    }

    @Test
    void aFiltersMatchesAreStoredOnceAndReadFromTheTable() {
        String query = trends(events("$autocapture"), "\"properties\":[{\"type\":\"element\",\"key\":\"selector\",\"value\":\"button#buy\"}]");
        JsonNode first = retrieve(create(query), "force_blocking");
        JsonNode again = retrieve(create(query), "force_blocking");

        assertThat(again.get("result")).isEqualTo(first.get("result"));
        assertThat(first.get("result").get(0).get("count").asLong()).as("every other click of a day is on the button").isEqualTo(8);
        String hogql = again.get("hogql").asText();
        assertThat(hogql).contains("GLOBAL IN (SELECT chain_hash FROM element_matches WHERE team_id = 1 AND filter_hash = ").doesNotContain("arrayJoin");
        // Environment 2's clicks are on the same button: its chains are matched for it alone, when it asks.
        assertThat(scalar("SELECT groupArray((team_id, toString(chain_hash))) FROM element_matches WHERE filter_hash = " + filterHash(hogql)))
                .isEqualTo(scalar("SELECT [(toInt64(1), toString(cityHash64(" + SqlLiteral.string(BUTTON) + ")))]"));
    }

    @Test
    void aFilterMatchingMoreChainsThanOneStatementStoresIsStoredWhole() {
        int chains = ChainCatalog.STORED_PER_STATEMENT + 1;
        CLICKHOUSE.sql("""
                INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                    property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
                SELECT generateUUIDv4(), 2, '$autocapture', toDateTime('2021-03-01 10:00:00', 'UTC'), 'many', 'https://blog.example.com/',
                       concat('a:nth-child="1"nth-of-type="1"text="many ', toString(number), '"'), '{}', [], [], 'many', 0, number
                FROM numbers(%d)""".formatted(chains));
        String query = trends(events("$autocapture"), "\"properties\":[{\"type\":\"element\",\"key\":\"text\",\"value\":\"^many \",\"operator\":\"regex\"}]")
                .replace(RANGE, "\"dateRange\":{\"date_from\":\"2021-03-01\",\"date_to\":\"2021-03-01\"}");
        Api.Reply created = api().send("POST", "/api/environments/2/insights/", "{\"name\":\"many\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Api.Reply computed = api().get("/api/environments/2/insights/" + created.json().get("id").asLong() + "/?refresh=force_blocking");

        assertThat(computed.status()).as(computed.body()).isEqualTo(200);
        assertThat(computed.json().get("result").get(0).get("count").asLong()).isEqualTo(chains);
        assertThat(scalar("SELECT count(), uniqExact(chain_hash) FROM element_matches WHERE team_id = 2 AND filter_hash = "
                + filterHash(computed.json().get("hogql").asText()))).isEqualTo(chains + "\t" + chains);
    }

    /** The name of the element filter's set that a computation's statement reads. */
    private static long filterHash(String hogql) {
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("element_matches WHERE team_id = \\d+ AND filter_hash = (\\d+)").matcher(hogql);
        assertThat(named.find()).as(hogql).isTrue();
        return Long.parseLong(named.group(1));
    }

    @Test
    void eventPropertyFiltersAndGroupsNarrowTheCount() {
        String orGroup = "\"properties\":{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":["
                + "{\"type\":\"event\",\"key\":\"$browser\",\"value\":\"Firefox\",\"operator\":\"exact\"},"
                + "{\"type\":\"event\",\"key\":\"$current_url\",\"value\":\"step=1\",\"operator\":\"icontains\"}]}]}";
        assertThat(computed(trends(events("$autocapture"), orGroup)).get(0).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void comparisonsReadThePropertyAsANumber() {
        String after = "\"properties\":[{\"type\":\"event\",\"key\":\"position\",\"value\":0,\"operator\":\"gt\"}]";
        assertThat(computed(trends(events("$autocapture"), after)).get(0).get("count").asLong()).isEqualTo(3);
        String atMost = "\"properties\":[{\"type\":\"event\",\"key\":\"position\",\"value\":\"1\",\"operator\":\"lte\"}]";
        assertThat(computed(trends(events("$autocapture"), atMost)).get(0).get("count").asLong()).isEqualTo(9);
        String notANumber = "\"properties\":[{\"type\":\"event\",\"key\":\"position\",\"value\":\"first\",\"operator\":\"gte\"}]";
        Api.Reply refused = api().get(INSIGHTS + create(trends(events("$autocapture"), notANumber)) + "/?refresh=blocking");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).startsWith("properties[0]: ").contains("needs a number");
    }

    @Test
    void normalisedUrlsGroupPagesWithoutTheirQueryFragmentOrTrailingSlash() {
        String byUrl = "\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_normalize_url\":true}";
        JsonNode result = computed(trends(events("$autocapture"), byUrl));

        assertThat(result).hasSize(1);
        assertThat(result.get(0).get("breakdown_value").asText()).isEqualTo("https://shop.example.com/cart");
        assertThat(result.get(0).get("count").asLong()).isEqualTo(10);
        assertThat(computed(trends(events("$autocapture"), byUrl.replace("true", "false")))).as("three step= pages").hasSize(3);
    }

    @Test
    void testAccountsListedByTheAdminCliAreLeftOutWhenAsked() {
        String filtered = trends(events("$autocapture"), "\"filterTestAccounts\":true").replace(RANGE,
                "\"dateRange\":{\"date_from\":\"2020-01-09\",\"date_to\":\"2020-01-18\"}");
        assertThat(recomputed(filtered).get(0).get("count").asLong()).as("nobody is internal yet").isEqualTo(9);
        assertThat(cli("internal-users", "add", "--environment", "1", "--distinct-id", "user-0")).isZero();
        assertThat(cli("internal-users", "add", "--environment", "2", "--distinct-id", "user-1")).as("another environment's").isZero();

        assertThat(recomputed(filtered).get(0).get("count").asLong()).as("user-1's clicks only").isEqualTo(2);
        assertThat(recomputed(filtered.replace("true", "false")).get(0).get("count").asLong()).isEqualTo(9);
        assertThat(cli("internal-users", "remove", "--environment", "1", "--distinct-id", "user-0")).isZero();
        assertThat(recomputed(filtered).get(0).get("count").asLong()).isEqualTo(9);
        assertThat(cli("internal-users", "add", "--environment", "99", "--distinct-id", "x")).as("no such environment").isEqualTo(2);
    }

    private int cli(String... args) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return AdminCli.run(args, quiet, quiet, Map.of("clickmap.clickhouse-url", CLICKHOUSE.url(),
                "clickmap.clickhouse-database", CLICKHOUSE.database(), "clickmap.clickhouse-user", CLICKHOUSE.user(),
                "clickmap.clickhouse-password", CLICKHOUSE.password()));
    }

    @Test
    void anotherEnvironmentsEventsNeverCount() {
        JsonNode result = computed(trends(events("$autocapture"), ""));
        assertThat(result.get(0).get("data").get(3).asLong()).isEqualTo(3);
    }

    @Test
    void queriesOutsideTheSubsetAre400sNamingTheField() {
        for (String[] bad : new String[][] {
                {"{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"FunnelsQuery\",\"series\":[]}}", "FunnelsQuery"},
                {trends("{\"kind\":\"EventsNode\",\"event\":\"$pageview\"}", ""), "series[0].event"},
                {trends("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"sum\"}", ""), "series[0].math"},
                {trends("{\"kind\":\"ActionsNode\",\"id\":1}", ""), "series[0].kind"},
                {trends(events("$autocapture"), "\"breakdownFilter\":{\"breakdown_type\":\"cohort\",\"breakdown\":\"x\"}"), "breakdownFilter.breakdown_type"},
                {trends(events("$autocapture"), "\"properties\":[{\"type\":\"person\",\"key\":\"email\",\"value\":\"a\"}]"), "properties[0].type"}}) {
            long id = create(bad[0]);
            Api.Reply refused = api().get(INSIGHTS + id + "/?refresh=blocking");
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("unsupported_query");
            assertThat(refused.json().get("attr").asText()).isEqualTo("query");
            assertThat(refused.json().get("detail").asText()).as(bad[0]).contains(bad[1]);
            assertThat(api().get(INSIGHTS + id + "/").status()).as("without computing it is answered").isEqualTo(200);
        }
    }

    @Test
    void aListShowsAnUncomputableQueryAsAFailedStatus() {
        long id = create("{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"RetentionQuery\"}}");

        JsonNode list = api().get(INSIGHTS + "?short_id=" + retrieve(id, null).get("short_id").asText()).json();
        JsonNode row = list.get("results").get(0);
        assertThat(row.get("result").isNull()).isTrue();
        assertThat(row.get("query_status").get("error").asBoolean()).isTrue();
        assertThat(row.get("query_status").get("error_message").asText()).contains("RetentionQuery");
    }

    @Test
    void asCsvAComputedTrendIsOneRowPerItem() {
        long id = create(trends(events("$autocapture") + "," + events("$rageclick"), "").replace(RANGE,
                "\"dateRange\":{\"date_from\":\"2020-01-11\",\"date_to\":\"2020-01-13\"}"));
        retrieve(id, "blocking");

        Api.Reply csv = api().get(INSIGHTS + id + "/?format=csv");

        assertThat(csv.body()).isEqualTo("series,11-Jan-2020,12-Jan-2020,13-Jan-2020\r\n$autocapture,1,3,1\r\n$rageclick,0,2,0\r\n");
    }

    @Test
    void hostileQueriesAreRefusedOrAnsweredWithinBoundsNeverA500() {
        String manySeries = String.join(",", Collections.nCopies(10_000, events("$autocapture")));
        String deep = "{\"type\":\"AND\",\"values\":[".repeat(10) + "{\"type\":\"event\",\"key\":\"a\",\"value\":\"b\"}" + "]}".repeat(10);
        String hugeRegex = "\"properties\":[{\"type\":\"event\",\"key\":\"$current_url\",\"value\":\"" + "(a|b)*".repeat(300)
                + "\",\"operator\":\"regex\"}]";
        String[][] refused = {
                {trends(manySeries, ""), "series"},
                {trends(events("$autocapture"), "\"properties\":" + deep), "properties"},
                {trends(events("$autocapture"), hugeRegex), "properties[0]"},
                {trends(events("$autocapture"), "\"interval\":\"hour\"").replace(RANGE, "\"dateRange\":{\"date_from\":\"-30y\"}"), "dateRange"},
                {trends(events("$autocapture"), "\"trendsFilter\":{\"formula\":\"" + "(".repeat(200) + "A" + ")".repeat(200) + "\"}"), "trendsFilter.formula"},
                {trends(events("$autocapture"), "\"breakdownFilter\":{\"breakdown\":\"$browser\",\"breakdown_limit\":100000}"), "breakdown_limit"},
                {trends(events("$autocapture"), "\"samplingFactor\":0"), "samplingFactor"},
                {trends("{\"kind\":\"EventsNode\",\"event\":\"$auto\\u0000capture\"}", ""), "series[0].event"}};
        for (String[] bad : refused) {
            Api.Reply reply = api().get(INSIGHTS + create(bad[0]) + "/?refresh=blocking");
            assertThat(reply.status()).as(bad[1]).isEqualTo(400);
            assertThat(reply.json().get("detail").asText()).as(bad[1]).contains(bad[1]);
        }
        JsonNode decades = computed(trends(events("$autocapture"), "\"interval\":\"month\"").replace(RANGE, "\"dateRange\":{\"date_from\":\"-30y\"}"));
        assertThat(decades.get(0).get("data").size()).as("30 years of months").isBetween(360, 362);
        JsonNode all = computed(trends(events("$autocapture"), "").replace(RANGE, "\"dateRange\":{\"date_from\":\"all\",\"date_to\":\"2020-01-19\"}"));
        assertThat(all.get(0).get("days").get(0).asText()).as("from the first click").isEqualTo("2020-01-09");
    }
}
