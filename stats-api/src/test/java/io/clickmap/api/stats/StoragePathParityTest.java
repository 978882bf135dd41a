package io.clickmap.api.stats;

import io.clickmap.api.query.DateRange;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.api.query.PropertyOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily rollup (plus raw events for a partial last day) and the raw GROUP BY over the events table answer
 * every query with identical rows: same counts, hashes, chains, types and order, page by page. The data is
 * 6,000 generated clicks over ten days, skewed, with empty chains, URL variants and another environment.
 */
@MicronautTest
class StoragePathParityTest extends ServiceTest {
    private static final long TEAM = 7;
    private static final List<String> ALL_EVENTS = List.of("$autocapture", "$dead_click", "$rageclick");
    private static final List<List<String>> EVENT_SETS = List.of(ALL_EVENTS, List.of("$autocapture"), List.of("$dead_click", "$rageclick"));
    private static final String[] URLS = {
        "https://shop.example.com/", "https://www.shop.example.com/pricing?x=1", "http://shop.example.com/pricing/",
        "https://shop.example.com/pricing#faq", "", "https://blog.example.com/it's \\\"quoted\\\"/"};

    @Inject
    StatsService stats;

    @BeforeAll
    void generateClicks() {
        CLICKHOUSE.sql("""
                INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                    property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
                SELECT generateUUIDv4(),
                       if(number % 11 = 0, 8, 7),
                       ['$autocapture', '$autocapture', '$rageclick', '$dead_click', '$autocapture'][number % 5 + 1],
                       toDateTime('2025-06-01 00:00:00', 'UTC') + (number * 7919) % (10 * 86400),
                       toString(number % 300),
                       ['https://shop.example.com/', 'https://www.shop.example.com/pricing?x=1', 'http://shop.example.com/pricing/',
                        'https://shop.example.com/pricing#faq', '', 'https://blog.example.com/it\\'s \\\\"quoted\\\\"/'][intDiv(number, 7) % 6 + 1],
                       if(number % 50 = 0, '',
                          concat('a.btn:href="/p', toString((number * number) % 17), '"nth-child="0"nth-of-type="0"text="x\\\\"y";div:nth-child="',
                                 toString(number % 3), '"nth-of-type="0"')),
                       '{}', ['plan'], [if(number % 3 = 0, 'pro', 'free')], 'parity', 0, number
                FROM numbers(6000)""");
    }

    @Test
    void theGeneratedDataReallyHasClicksForBothPaths() {
        // every number not divisible by 11 is environment 7's; every 50th has no chain, which the rollup does not count
        assertThat(scalar("SELECT count() FROM events WHERE team_id = 7")).isEqualTo("5454");
        assertThat(scalar("SELECT sum(count) FROM element_clicks_daily WHERE team_id = 7"))
                .isEqualTo(scalar("SELECT count() FROM events WHERE team_id = 7 AND elements_chain != ''")).isEqualTo("5345");
        assertThat(page(StoragePath.ROLLUP, range("2025-06-01T00:00:00Z", "2025-06-10T23:59:59Z"), List.of(), 999_999, 0))
                .hasSizeGreaterThan(40);
        assertThat(page(StoragePath.ROLLUP, range("2025-06-01T00:00:00Z", "2025-06-10T23:59:59Z"),
                List.of(url(PropertyOperator.EXACT, URLS[5])), 999_999, 0)).isNotEmpty();
    }

    @Test
    void wholeDaysAndPartialLastDaysGiveIdenticalRowsOnBothPaths() {
        List<DateRange> ranges = List.of(
                range("2025-06-01T00:00:00Z", "2025-06-10T23:59:59Z"),
                range("2025-06-03T00:00:00Z", "2025-06-03T23:59:59Z"),
                range("2025-06-03T00:00:00Z", "2025-06-03T00:00:00Z"),
                range("2025-06-02T00:00:00Z", "2025-06-07T13:17:29Z"),
                range("2025-06-05T00:00:00Z", "2025-06-05T23:59:58Z"),
                range("2025-05-20T00:00:00Z", "2025-06-01T00:00:59Z"),
                range("2025-06-09T00:00:00Z", "2025-07-01T23:59:59Z"));
        for (List<String> events : EVENT_SETS) {
            for (DateRange range : ranges) {
                assertSameOnBothPaths(events, range, List.of(), 999_999, 0);
            }
        }
    }

    @Test
    void everyUrlFilterOperatorSelectsTheSameClicksOnBothPaths() {
        DateRange partial = range("2025-06-01T00:00:00Z", "2025-06-08T09:30:00Z");
        List<List<PropertyFilter>> filterSets = List.of(
                List.of(url(PropertyOperator.EXACT, URLS[0])),
                List.of(url(PropertyOperator.EXACT, URLS[1], URLS[5])),
                List.of(url(PropertyOperator.IS_NOT, URLS[0])),
                List.of(url(PropertyOperator.ICONTAINS, "PRICING")),
                List.of(url(PropertyOperator.NOT_ICONTAINS, "pricing")),
                List.of(url(PropertyOperator.REGEX, "^https://(www\\.)?shop")),
                List.of(url(PropertyOperator.NOT_REGEX, "#faq$")),
                List.of(url(PropertyOperator.IS_SET)),
                List.of(url(PropertyOperator.IS_NOT_SET)),
                List.of(url(PropertyOperator.SIMPLE, "shop.example.com/pricing")),
                List.of(url(PropertyOperator.EXACT, URLS[5]), url(PropertyOperator.ICONTAINS, "QUOTED")),
                List.of(url(PropertyOperator.ICONTAINS, "shop"), url(PropertyOperator.NOT_REGEX, "^http:")));
        for (List<PropertyFilter> filters : filterSets) {
            for (List<String> events : EVENT_SETS) {
                assertSameOnBothPaths(events, partial, filters, 999_999, 0);
                assertSameOnBothPaths(events, range("2025-06-02T00:00:00Z", "2025-06-09T23:59:59Z"), filters, 999_999, 0);
            }
        }
    }

    @Test
    void everyPageIsIdenticalOnBothPathsAndThePagesTileTheWholeList() {
        DateRange range = range("2025-06-01T00:00:00Z", "2025-06-06T17:45:00Z");
        List<PropertyFilter> filters = List.of(url(PropertyOperator.ICONTAINS, "shop"));
        List<StatsRow> whole = page(StoragePath.RAW, range, filters, 999_999, 0);
        assertThat(whole).as("rows to tile").hasSizeGreaterThan(3 * 7);
        List<StatsRow> tiled = new ArrayList<>();
        for (int offset = 0; offset < whole.size() + 7; offset += 7) {
            List<StatsRow> rollupPage = page(StoragePath.ROLLUP, range, filters, 7, offset);
            assertThat(rollupPage).isEqualTo(page(StoragePath.RAW, range, filters, 7, offset));
            tiled.addAll(rollupPage.subList(0, Math.min(7, rollupPage.size())));
        }
        assertThat(tiled).isEqualTo(whole);
        DateRange wholeDays = range("2025-06-01T00:00:00Z", "2025-06-06T23:59:59Z");
        for (int offset = 0; offset < 60; offset += 13) {
            assertSameOnBothPaths(List.of("$autocapture"), wholeDays, List.of(), 13, offset);
        }
    }

    private void assertSameOnBothPaths(List<String> events, DateRange range, List<PropertyFilter> filters, int limit, long offset) {
        List<StatsRow> rollup = page(StoragePath.ROLLUP, events, range, filters, limit, offset);
        List<StatsRow> raw = page(StoragePath.RAW, events, range, filters, limit, offset);
        assertThat(rollup).as(events + " " + range + " " + filters).isEqualTo(raw);
    }

    private List<StatsRow> page(StoragePath path, DateRange range, List<PropertyFilter> filters, int limit, long offset) {
        return page(path, ALL_EVENTS, range, filters, limit, offset);
    }

    private List<StatsRow> page(StoragePath path, List<String> events, DateRange range, List<PropertyFilter> filters, int limit, long offset) {
        return stats.fetch(path, new StatsQuery(TEAM, events, range, filters, limit, offset, 1.0));
    }

    private static DateRange range(String from, String to) {
        return new DateRange(Instant.parse(from), Instant.parse(to));
    }

    private static PropertyFilter url(PropertyOperator operator, String... values) {
        return new PropertyFilter(PropertyFilter.CURRENT_URL, operator, List.of(values));
    }
}
