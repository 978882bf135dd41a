package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.trends.RollupEligibility.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which series the daily rollups count, whether they need the chains, and for the others the reason they go to the events; one outcome per test. */
class TrendsRollupEligibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECTOR = "{\"type\":\"element\",\"key\":\"selector\",\"value\":\"div > a\",\"operator\":\"exact\"}";
    private static final String URL_REGEX = "{\"type\":\"event\",\"key\":\"$current_url\",\"value\":\"^https://shop\",\"operator\":\"regex\"}";
    private static final String BROWSER = "{\"type\":\"event\",\"key\":\"$browser\",\"value\":\"Chrome\",\"operator\":\"exact\"}";

    @Test
    void aDailyTotalWithoutFiltersIsCountedFromTheRollups() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}]")).isEmpty();
    }

    @Test
    void weeksMonthsAndTotalValueDisplaysAreWholeDaysToo() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"interval\":\"week\"")).isEmpty();
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"interval\":\"month\",\"trendsFilter\":{\"display\":\"BoldNumber\"}")).isEmpty();
    }

    @Test
    void elementAndUrlFiltersInAndOrGroupsAreCountedFromTheRollups() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"properties\":[" + SELECTOR + "]}],"
                + "\"properties\":{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":[" + URL_REGEX + "," + SELECTOR + "]}]}")).isEmpty();
    }

    @Test
    void aGroupNodesEventNamesAreCountedFromTheRollups() {
        assertThat(refusal("\"series\":[{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\","
                + "\"properties\":[" + SELECTOR + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}]}]")).isEmpty();
    }

    @Test
    void aBreakdownByTheUrlAsStoredIsCountedFromTheRollups() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_limit\":3}")).isEmpty();
    }

    @Test
    void filteringTestAccountsWithNoneListedIsCountedFromTheRollups() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"filterTestAccounts\":true")).isEmpty();
    }

    @Test
    void distinctIdsFilteredByEventNamesAloneAreCountedFromTheRollupsAndSessionsFromTheEvents() {
        for (String math : List.of("dau", "weekly_active", "monthly_active")) {
            assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"" + math + "\"}]")).as(math).isEmpty();
            assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"math\":\"" + math + "\"}],\"interval\":\"week\"")).as(math).isEmpty();
            assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"math\":\"" + math + "\",\"properties\":[" + URL_REGEX + "]}]")).as(math)
                    .contains(Reason.DISTINCT_WITH_FILTERS);
            assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"math\":\"" + math + "\"}],\"breakdownFilter\":{\"breakdown\":\"$current_url\"}"))
                    .as(math).contains(Reason.BREAKDOWN);
            assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"math\":\"" + math + "\"}],\"interval\":\"hour\"")).as(math).contains(Reason.HOURLY);
        }
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"math\":\"unique_session\"}]")).contains(Reason.SESSIONS);
    }

    @Test
    void hourBucketsGoToTheEvents() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"interval\":\"hour\"")).contains(Reason.HOURLY);
    }

    @Test
    void aFilterOnAnotherEventPropertyGoesToTheEventsEvenDeepInAGroup() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\",\"properties\":[" + BROWSER + "]}]")).contains(Reason.PROPERTY_FILTER);
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"properties\":{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":["
                + URL_REGEX + "]},{\"type\":\"AND\",\"values\":[" + BROWSER + "]}]}")).contains(Reason.PROPERTY_FILTER);
    }

    @Test
    void aBreakdownByAnotherPropertyOrANormalisedUrlGoesToTheEvents() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"breakdownFilter\":{\"breakdown\":\"$browser\"}")).contains(Reason.BREAKDOWN);
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"breakdownFilter\":{\"breakdown\":\"$current_url\",\"breakdown_normalize_url\":true}"))
                .contains(Reason.BREAKDOWN);
    }

    @Test
    void samplingGoesToTheEvents() {
        assertThat(refusal("\"series\":[{\"kind\":\"EventsNode\"}],\"samplingFactor\":0.1")).contains(Reason.SAMPLED);
    }

    @Test
    void leavingOutListedInternalUsersGoesToTheEvents() {
        TrendsQuery query = query("\"series\":[{\"kind\":\"EventsNode\"}],\"filterTestAccounts\":true");

        assertThat(RollupEligibility.refusal(query, query.series().get(0), List.of("alice"))).contains(Reason.TEST_ACCOUNTS);
    }

    @Test
    void aSeriesWithAnElementFilterEvenDeepInAGroupNeedsTheChains() {
        assertThat(needsChains("\"series\":[{\"kind\":\"EventsNode\",\"properties\":[" + SELECTOR + "]}]")).isTrue();
        assertThat(needsChains("\"series\":[{\"kind\":\"EventsNode\"}],\"properties\":{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":["
                + URL_REGEX + "]},{\"type\":\"AND\",\"values\":[" + SELECTOR + "]}]}")).isTrue();
        assertThat(needsChains("\"series\":[{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\","
                + "\"properties\":[" + SELECTOR + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}]}]")).isTrue();
    }

    @Test
    void aSeriesWithOnlyEventNamesAndUrlFiltersAndAUrlBreakdownNeedsNoChains() {
        assertThat(needsChains("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}]")).isFalse();
        assertThat(needsChains("\"series\":[{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\","
                + "\"properties\":[" + URL_REGEX + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}]}],"
                + "\"breakdownFilter\":{\"breakdown\":\"$current_url\"}")).isFalse();
    }

    @Test
    void aSeriesWithAUrlFilterEvenDeepInAGroupOrAUrlBreakdownAsksForThePage() {
        assertThat(needs("\"series\":[{\"kind\":\"EventsNode\",\"properties\":[" + SELECTOR + "]}]").page()).isFalse();
        assertThat(needs("\"series\":[{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\","
                + "\"properties\":[" + SELECTOR + "]},{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}]}]").page()).isFalse();
        assertThat(needs("\"series\":[{\"kind\":\"EventsNode\"}],\"properties\":{\"type\":\"OR\",\"values\":[{\"type\":\"AND\",\"values\":["
                + URL_REGEX + "]},{\"type\":\"AND\",\"values\":[" + SELECTOR + "]}]}").page()).isTrue();
        assertThat(needs("\"series\":[{\"kind\":\"EventsNode\",\"properties\":[" + SELECTOR + "]}],"
                + "\"breakdownFilter\":{\"breakdown\":\"$current_url\"}").page()).isTrue();
    }

    private static boolean needsChains(String fields) {
        return needs(fields).chains();
    }

    private static TrendsPlan.Needs needs(String fields) {
        TrendsQuery query = query(fields);
        assertThat(RollupEligibility.refusal(query, query.series().get(0), List.of())).as(fields).isEmpty();
        return RollupEligibility.needs(query, query.series().get(0));
    }

    private static Optional<Reason> refusal(String fields) {
        TrendsQuery query = query(fields);
        return RollupEligibility.refusal(query, query.series().get(0), List.of());
    }

    private static TrendsQuery query(String fields) {
        try {
            return TrendsQueryParser.parse(JSON.readTree("{\"kind\":\"TrendsQuery\"," + fields + "}"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(fields, e);
        }
    }
}
