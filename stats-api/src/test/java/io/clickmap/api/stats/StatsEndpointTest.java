package io.clickmap.api.stats;

import static io.clickmap.api.ShopFixture.IMAGE_ELEMENTS;
import static io.clickmap.api.ShopFixture.IMAGE_HASH;
import static io.clickmap.api.ShopFixture.PRICING_ELEMENTS;
import static io.clickmap.api.ShopFixture.PRICING_HASH;
import static io.clickmap.api.ShopFixture.SIGNUP_ELEMENTS;
import static io.clickmap.api.ShopFixture.SIGNUP_HASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.ShopFixture;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest
class StatsEndpointTest extends ServiceTest {
    private static final String STATS = "/api/environments/1/elements/stats/";
    private static final String DAY = "date_from=2025-03-10&date_to=2025-03-10";
    private static final String ALL_EVENTS = "include=$autocapture,$rageclick,$dead_click";

    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void loadShop() {
        ShopFixture.load(CLICKHOUSE, environments);
    }

    @Test
    void oneDayOfAutocaptureClicksIsListedByCountWithHashesAndElementsInTheToolbarsKeyOrder() {
        Api.Reply reply = api().get(STATS + "?" + DAY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("application/json");
        assertThat(reply.body()).isEqualTo("["
                + "{\"count\":3,\"hash\":\"" + PRICING_HASH + "\",\"type\":\"$autocapture\",\"elements\":" + PRICING_ELEMENTS + "},"
                + "{\"count\":2,\"hash\":\"" + SIGNUP_HASH + "\",\"type\":\"$autocapture\",\"elements\":" + SIGNUP_ELEMENTS + "},"
                + "{\"count\":2,\"hash\":\"" + IMAGE_HASH + "\",\"type\":\"$autocapture\",\"elements\":" + IMAGE_ELEMENTS + "}]");
    }

    @Test
    void rowsAreSortedByCountThenUnsignedHashThenEventType() {
        assertThat(StatsRows.of(api().get(STATS + "?" + DAY + "&" + ALL_EVENTS).json())).containsExactly(
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture",
                "2 " + PRICING_HASH + " $rageclick",
                "2 " + IMAGE_HASH + " $autocapture",
                "1 " + SIGNUP_HASH + " $dead_click");
    }

    @Test
    void includeAcceptsRepeatedParametersAJsonArrayOrACommaListAndTakesTheUnion() {
        String expected = api().get(STATS + "?" + DAY + "&" + ALL_EVENTS).body();

        assertThat(api().get(STATS + "?" + DAY + "&include=$rageclick&include=$autocapture,$dead_click").body()).isEqualTo(expected);
        assertThat(api().get(STATS + "?" + DAY + "&include=%5B%22%24dead_click%22%2C%22%24rageclick%22%2C%22%24autocapture%22%5D").body())
                .isEqualTo(expected);
        assertThat(StatsRows.of(api().get(STATS + "?" + DAY + "&include=$rageclick").json()))
                .containsExactly("2 " + PRICING_HASH + " $rageclick");
        assertThat(StatsRows.of(api().get(STATS + "?" + DAY + "&include=$dead_click").json()))
                .containsExactly("1 " + SIGNUP_HASH + " $dead_click");
    }

    @Test
    void includeWithAnythingButTheThreeClickEventsIsRefusedWithPostHogsMessage() {
        for (String include : new String[] {"$pageview", "$autocapture,$pageview", "", "%5B1%5D", "%5Bnot-json", "%5B%22%24pageview%22%5D",
                "%5B%22%24autocapture%22%5Dx", "%5B%22%24autocapture%22%5D%5B%5D"}) {
            Api.Reply reply = api().get(STATS + "?include=" + include);
            assertThat(reply.status()).as(include).isEqualTo(400);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"Only $autocapture, $rageclick, and $dead_click are supported.\",\"attr\":\"include\"}"));
        }
    }

    @Test
    void dateFromIsClampedToTheStartOfItsDay() {
        assertThat(api().get(STATS + "?date_from=2025-03-10T18:30:00Z&date_to=2025-03-10").body())
                .isEqualTo(api().get(STATS + "?" + DAY).body());
    }

    @Test
    void aDateToWithoutTimeMeansTheEndOfThatDayAndTheDayEdgesBelongToTheirOwnDays() {
        assertThat(StatsRows.of(api().get(STATS + "?date_from=2025-03-09&date_to=2025-03-09").json()))
                .containsExactly("1 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=2025-03-11&date_to=2025-03-11").json()))
                .containsExactly("1 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=2025-03-09&date_to=2025-03-11").json())).containsExactly(
                "4 " + IMAGE_HASH + " $autocapture",
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture");
    }

    @Test
    void aDateToWithATimeEndsTheWindowAtThatSecond() {
        assertThat(StatsRows.of(api().get(STATS + "?date_from=2025-03-10&date_to=2025-03-10T11:00:00Z").json())).containsExactly(
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=2025-03-10&date_to=2025-03-10T10:59:59.999Z").json()))
                .containsExactly("3 " + PRICING_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=2025-03-09&date_to=2025-03-10%2012:00:00").json())).containsExactly(
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture",
                "2 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void theDefaultWindowIsTheLastSevenDaysUpToTheEndOfToday() {
        // Today 00:00:00 and two days ago count; nine days ago and tomorrow do not.
        assertThat(StatsRows.of(api().get(STATS).json())).containsExactly("2 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void relativeDatesCountBackFromToday() {
        assertThat(StatsRows.of(api().get(STATS + "?date_from=-10d").json())).containsExactly("3 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=-2w").json())).containsExactly("3 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=dStart").json())).containsExactly("1 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=-10d&date_to=-1d").json())).containsExactly("2 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=all").json())).containsExactly(
                "7 " + IMAGE_HASH + " $autocapture",
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture");
        // These windows reach back far enough for the 2025 clicks on some days and not on others: expected from the fixture.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant endOfToday = startOf(today.plusDays(1)).minusSeconds(1);
        assertThat(StatsRows.of(api().get(STATS + "?date_from=-3m").json()))
                .isEqualTo(autocapturesOf1Between(startOf(today.minusMonths(3)), endOfToday));
        assertThat(StatsRows.of(api().get(STATS + "?date_from=-1y&date_to=-24h").json()))
                .isEqualTo(autocapturesOf1Between(startOf(today.minusYears(1)), Instant.now().minus(Duration.ofHours(24))));
        assertThat(StatsRows.of(api().get(STATS + "?date_from=mStart").json()))
                .isEqualTo(autocapturesOf1Between(startOf(today.withDayOfMonth(1)), endOfToday));
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Environment 1's counted autocaptures in ShopFixture (see its table), as the rows of the window [from, to]. */
    private static List<String> autocapturesOf1Between(Instant from, Instant to) {
        Instant today = startOf(LocalDate.now(ZoneOffset.UTC));
        Map<String, List<Instant>> clicks = Map.of(
                PRICING_HASH, Collections.nCopies(3, Instant.parse("2025-03-10T10:00:00Z")),
                SIGNUP_HASH, Collections.nCopies(2, Instant.parse("2025-03-10T11:00:00Z")),
                IMAGE_HASH, List.of(Instant.parse("2025-03-10T12:00:00Z"), Instant.parse("2025-03-10T16:00:00Z"),
                        Instant.parse("2025-03-09T23:59:59Z"), Instant.parse("2025-03-11T00:00:00Z"),
                        today.minusSeconds(2 * 86_400 - 12 * 3_600), today.minusSeconds(9 * 86_400 - 12 * 3_600),
                        today.plusSeconds(86_400 + 12 * 3_600), today));
        Comparator<Map.Entry<String, Long>> byCountThenUnsignedHash = Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed().thenComparing(Map.Entry::getKey, (a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(a, 16), Long.parseUnsignedLong(b, 16)));
        return clicks.entrySet().stream()
                .map(chain -> Map.entry(chain.getKey(), chain.getValue().stream().filter(at -> !at.isBefore(from) && !at.isAfter(to)).count()))
                .filter(chain -> chain.getValue() > 0)
                .sorted(byCountThenUnsignedHash)
                .map(chain -> chain.getValue() + " " + chain.getKey() + " $autocapture")
                .toList();
    }

    @Test
    void aRelativeDateToInHoursEndsTheWindowThatManyHoursAgo() {
        // date_to = now - 1h: today's 00:00:00 click counts; in the first hour of the day that end lies before
        // dStart, which is refused like any end before the start.
        Api.Reply reply = api().get(STATS + "?date_from=dStart&date_to=-1h");
        if (java.time.LocalTime.now(ZoneOffset.UTC).getHour() >= 1) {
            assertThat(StatsRows.of(reply.json())).isEqualTo(List.of("1 " + IMAGE_HASH + " $autocapture"));
        } else {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("attr").asText()).isEqualTo("date_to");
        }
    }

    @Test
    void malformedDatesAndAnEndBeforeTheStartAreRefused() {
        Api.Reply badFrom = api().get(STATS + "?date_from=yesterday");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.json().get("attr").asText()).isEqualTo("date_from");
        assertThat(badFrom.json().get("detail").asText()).startsWith("date_from must be a date (2026-11-20)");
        assertThat(api().get(STATS + "?date_to=2025-02-30").json().get("attr").asText()).isEqualTo("date_to");
        assertThat(api().get(STATS + "?date_from=-9999999d").status()).isEqualTo(400);

        Api.Reply backwards = api().get(STATS + "?date_from=2025-03-10&date_to=2025-03-09");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                + "\"detail\":\"date_to must not be before date_from.\",\"attr\":\"date_to\"}"));
    }

    @Test
    void datesAfterWhatClickHouseStoresAnswerAnEmptyListOnEitherStoragePath() {
        for (String window : new String[] {"date_from=2200-01-01&date_to=2200-01-02", "date_from=2200-01-01&date_to=2200-01-02T10:00:00Z",
                "date_from=%2B999999999-01-01T00:00:00Z&date_to=%2B999999999-12-31T23:59:59Z", "date_from=2105-12-31T23:00:00Z&date_to=2300-01-01"}) {
            for (String path : new String[] {"", "&sampling_factor=0.5"}) {
                Api.Reply reply = api().get(STATS + "?" + window + path);
                assertThat(reply.status()).as(window + path).isEqualTo(200);
                assertThat(reply.body()).as(window + path).isEqualTo("[]");
            }
        }
    }

    @Test
    void theEnvironmentsSeeOnlyTheirOwnClicks() {
        // Both environments clicked PRICING that day (1: 3 autocaptures and 2 rageclicks, 2: 5 autocaptures), so a
        // leak would show as a merged count, not as an extra row: each answer is compared whole.
        String two = "/api/environments/2/elements/stats/?";
        assertThat(api().get(two + DAY).body())
                .isEqualTo("[{\"count\":5,\"hash\":\"" + PRICING_HASH + "\",\"type\":\"$autocapture\",\"elements\":" + PRICING_ELEMENTS + "}]");
        assertThat(StatsRows.of(api().get(two + DAY + "&" + ALL_EVENTS).json())).containsExactly("5 " + PRICING_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(two + "date_from=all&" + ALL_EVENTS).json())).containsExactly("5 " + PRICING_HASH + " $autocapture");

        assertThat(StatsRows.of(api().get(STATS + "?" + DAY).json())).containsExactly(
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture",
                "2 " + IMAGE_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?date_from=all&" + ALL_EVENTS).json())).containsExactly(
                "7 " + IMAGE_HASH + " $autocapture",
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture",
                "2 " + PRICING_HASH + " $rageclick",
                "1 " + SIGNUP_HASH + " $dead_click");
    }

    @Test
    void projectsAndEnvironmentsPathsWithAndWithoutTrailingSlashAnswerTheSame() {
        String expected = api().get(STATS + "?" + DAY).body();
        assertThat(api().get("/api/environments/1/elements/stats?" + DAY).body()).isEqualTo(expected);
        assertThat(api().get("/api/projects/1/elements/stats/?" + DAY).body()).isEqualTo(expected);
        assertThat(api().get("/api/projects/1/elements/stats?" + DAY).body()).isEqualTo(expected);
    }

    @Test
    void responsesCarryCacheHeadersAndServerTiming() {
        Api.Reply reply = api().get(STATS + "?" + DAY + "&limit=3");
        assertThat(reply.header("Cache-Control")).hasValue("public, max-age=30");
        assertThat(reply.header("Vary")).hasValue("Accept, Accept-Encoding, Query-String");
        assertThat(reply.header("Server-Timing").orElseThrow()).contains("clickhouse;dur=").contains("render;dur=");
    }

    @Test
    void anEqualQueryWithinThirtySecondsIsAnsweredFromTheCache() {
        String query = STATS + "?" + DAY + "&include=$autocapture,$dead_click&limit=4";
        Api.Reply first = api().get(query);
        Api.Reply again = api().get("/api/projects/1/elements/stats?include=$dead_click&include=$autocapture&" + DAY + "&limit=4");

        assertThat(first.header("Server-Timing").orElseThrow()).doesNotContain("cache");
        assertThat(again.header("Server-Timing").orElseThrow()).contains("cache;desc=\"hit\"");
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void aCachedPageStillLinksToTheNextPageThroughTheRequestsOwnQueryString() {
        String first = DAY + "&paginate_response=true&limit=2&include=$rageclick,$autocapture";
        String second = "include=%24autocapture&include=%24rageclick&limit=2&paginate_response=true&" + DAY;
        api().get(STATS + "?" + first);
        Api.Reply cached = api().get("/api/projects/1/elements/stats?" + second);

        assertThat(cached.header("Server-Timing").orElseThrow()).contains("cache;desc=\"hit\"");
        assertThat(cached.json().get("next").asText()).isEqualTo(server.getURL() + "/api/projects/1/elements/stats?" + second + "&offset=2");
    }

    @Test
    void limitAndOffsetPageThroughTheRowsWithoutOverlap() {
        String all = String.join(",", StatsRows.of(api().get(STATS + "?" + DAY + "&" + ALL_EVENTS).json()));
        StringBuilder paged = new StringBuilder();
        for (int offset = 0; offset < 5; offset += 2) {
            for (String row : StatsRows.of(api().get(STATS + "?" + DAY + "&" + ALL_EVENTS + "&limit=2&offset=" + offset).json())) {
                paged.append(paged.length() > 0 ? "," : "").append(row);
            }
        }
        assertThat(paged.toString()).isEqualTo(all);
        assertThat(api().get(STATS + "?" + DAY + "&offset=3").json()).isEmpty();
    }

    @Test
    void paginateResponseWrapsTheRowsWithNextAndPreviousThatKeepTheQueryStringAndSetOnlyTheOffset() {
        String query = DAY + "&include=%24autocapture&paginate_response=true&limit=1";
        Api.Reply first = api().get(STATS + "?" + query);
        String base = server.getURL() + STATS;

        assertThat(StatsRows.of(first.json().get("results"))).containsExactly("3 " + PRICING_HASH + " $autocapture");
        assertThat(first.json().get("next").asText()).isEqualTo(base + "?" + query + "&offset=1");
        assertThat(first.json().get("previous").isNull()).isTrue();

        Api.Reply second = api().get(STATS + "?offset=1&" + query);
        assertThat(StatsRows.of(second.json().get("results"))).containsExactly("2 " + SIGNUP_HASH + " $autocapture");
        assertThat(second.json().get("next").asText()).isEqualTo(base + "?offset=2&" + query);
        assertThat(second.json().get("previous").asText()).isEqualTo(base + "?offset=0&" + query);

        Api.Reply last = api().get(STATS + "?" + query + "&offset=2");
        assertThat(last.json().get("next").isNull()).isTrue();
        assertThat(last.json().get("previous").asText()).isEqualTo(base + "?" + query + "&offset=1");
        assertThat(api().get(STATS + "?" + query + "&offset=7&limit=5").json().get("previous").asText())
                .isEqualTo(base + "?" + query + "&offset=2&limit=5");
    }

    @Test
    void onlyPaginateResponseTrueWrapsTheRowsAnyOtherValueGivesTheBareListWithoutAnError() {
        Api.Reply wrapped = api().get(STATS + "?" + DAY + "&limit=1&paginate_response=true");
        assertThat(wrapped.json().isObject()).isTrue();
        assertThat(StatsRows.of(wrapped.json().get("results"))).containsExactly("3 " + PRICING_HASH + " $autocapture");
        for (String value : new String[] {"1", "TRUE", "True", "yes", "maybe", "", "%20true", "false&paginate_response=1"}) {
            Api.Reply reply = api().get(STATS + "?" + DAY + "&limit=1&paginate_response=" + value);
            assertThat(reply.status()).as(value).isEqualTo(200);
            assertThat(StatsRows.of(reply.json())).as(value).containsExactly("3 " + PRICING_HASH + " $autocapture");
        }
        assertThat(StatsRows.of(api().get(STATS + "?" + DAY + "&limit=1&paginate_response=no&paginate_response=true").json().get("results")))
                .containsExactly("3 " + PRICING_HASH + " $autocapture");
    }

    @Test
    void withoutPaginateResponseTheBodyIsTheBareListEvenWhenMoreRowsExist() {
        for (String query : new String[] {"&limit=1", "&limit=1&paginate_response=false"}) {
            var body = api().get(STATS + "?" + DAY + query).json();
            assertThat(body.isArray()).as(query).isTrue();
            assertThat(StatsRows.of(body)).as(query).containsExactly("3 " + PRICING_HASH + " $autocapture");
        }
    }

    @Test
    void limitAndOffsetOutsideTheirBoundsAreRefusedNamingTheParameter() {
        assertInvalid("limit=0", "limit", "limit must be an integer from 1 to 999999.");
        assertInvalid("limit=1000000", "limit", "limit must be an integer from 1 to 999999.");
        assertInvalid("limit=ten", "limit", "limit must be an integer from 1 to 999999.");
        assertInvalid("limit=-5", "limit", "limit must be an integer from 1 to 999999.");
        assertInvalid("offset=-1", "offset", "offset must be an integer from 0 to 1000000000000.");
        assertInvalid("offset=99999999999999999999999", "offset", "offset must be an integer from 0 to 1000000000000.");
        assertInvalid("limit=9999999999999999999", "limit", "limit must be an integer from 1 to 999999.");
        assertInvalid("offset=9999999999999999999", "offset", "offset must be an integer from 0 to 1000000000000.");
        assertInvalid("max_element_chain_depth=9999999999999999999", "max_element_chain_depth",
                "max_element_chain_depth must be an integer from 1 to 1000000.");
        assertThat(StatsRows.of(api().get(STATS + "?" + DAY + "&limit=0000000000000000000000001&offset=000").json()))
                .containsExactly("3 " + PRICING_HASH + " $autocapture");
        assertThat(StatsRows.of(api().get(STATS + "?" + DAY + "&limit=999999").json())).containsExactly(
                "3 " + PRICING_HASH + " $autocapture",
                "2 " + SIGNUP_HASH + " $autocapture",
                "2 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void samplingReadsASampleOfUsersAndScalesTheCountsBack() {
        Api.Reply sampled = api().get(STATS + "?" + DAY + "&sampling_factor=0.5");
        String independent = CLICKHOUSE.sql("SELECT cityHash64(elements_chain) AS h, count() AS c FROM events SAMPLE 0.5 "
                + "WHERE team_id = 1 AND toDate(timestamp) = '2025-03-10' AND event = '$autocapture' AND elements_chain != '' "
                + "GROUP BY h ORDER BY c DESC, h FORMAT TSV");
        StringBuilder expected = new StringBuilder();
        for (String line : independent.strip().lines().toList()) {
            String[] columns = line.split("\t");
            expected.append(Long.parseLong(columns[1]) * 2).append(' ')
                    .append(Long.toUnsignedString(Long.parseUnsignedLong(columns[0]), 16)).append(" $autocapture\n");
        }

        assertThat(sampled.header("Server-Timing").orElseThrow()).contains("storage;desc=\"raw\"");
        assertThat(String.join("\n", StatsRows.of(sampled.json())) + (sampled.json().isEmpty() ? "" : "\n"))
                .isEqualTo(expected.toString());
        assertThat(api().get(STATS + "?" + DAY + "&sampling_factor=1").body()).isEqualTo(api().get(STATS + "?" + DAY).body());
    }

    @Test
    void samplingFactorsOutsideZeroToOneAreRefused() {
        String rule = "sampling_factor must be a number greater than 0 and at most 1 (at least 0.000001).";
        for (String factor : new String[] {"0", "1.5", "-0.5", "abc", "NaN", "Infinity", "1e-9", "0x1p-2", ""}) {
            assertInvalid("sampling_factor=" + factor, "sampling_factor", rule);
        }
    }

    @Test
    void maxElementChainDepthKeepsTheClickedElementAndItsNearestAncestors() {
        var rows = api().get(STATS + "?" + DAY + "&max_element_chain_depth=1").json();
        assertThat(rows.get(0).get("elements").size()).isEqualTo(1);
        assertThat(rows.get(0).get("elements").get(0).get("tag_name").asText()).isEqualTo("a");
        assertThat(rows.get(0).get("hash").asText()).isEqualTo(PRICING_HASH);
        assertThat(api().get(STATS + "?" + DAY + "&max_element_chain_depth=2").json().get(0).get("elements").size()).isEqualTo(2);
        assertInvalid("max_element_chain_depth=0", "max_element_chain_depth", "max_element_chain_depth must be an integer from 1 to 1000000.");
        assertInvalid("max_element_chain_depth=deep", "max_element_chain_depth", "max_element_chain_depth must be an integer from 1 to 1000000.");
    }

    @Test
    void dataAttributesKeepOnlyTheMatchingDataAttributes() {
        var rows = api().get(STATS + "?" + DAY + "&data_attributes=data-track").json();
        assertThat(rows.get(1).get("elements").get(0).get("attributes")).isEqualTo(Api.json("{\"attr__data-track\":\"signup\"}"));
        assertThat(rows.get(1).get("elements").get(0).get("attr_id").asText()).isEqualTo("go");
        assertThat(rows.get(0).get("elements").get(2).get("attributes")).isEqualTo(Api.json("{}"));

        var wildcard = api().get(STATS + "?" + DAY + "&data_attributes=%20data-*%20,,").json();
        assertThat(wildcard.get(0).get("elements").get(2).get("attributes")).isEqualTo(Api.json("{\"attr__data-section\":\"header\"}"));
    }

    private void assertInvalid(String parameter, String attr, String detail) {
        Api.Reply reply = api().get(STATS + "?" + parameter);
        assertThat(reply.status()).as(parameter).isEqualTo(400);
        assertThat(reply.json()).as(parameter).isEqualTo(Api.json(
                "{\"type\":\"validation_error\",\"code\":\"invalid_input\",\"detail\":\"" + detail + "\",\"attr\":\"" + attr + "\"}"));
    }
}
