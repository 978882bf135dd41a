package io.clickmap.api.assist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.trends.TrendsOutline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** suggestions' follow-up queries: literal queries in, the titles and the exact changed queries out, each one Clickmap computes. */
class FollowUpsTest {
    private static final String CLICKS = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$autocapture\",\"custom_name\":\"Buy clicks\"}],\"dateRange\":{\"date_from\":\"-7d\"}}}";

    private static List<FollowUps.Suggestion> of(String query) {
        return FollowUps.of(Api.json(query));
    }

    private static JsonNode query(List<FollowUps.Suggestion> suggestions, String title) {
        return suggestions.stream().filter(suggestion -> suggestion.title().equals(title)).findFirst().orElseThrow().query();
    }

    @Test
    void aClickSeriesGetsItsRageAndDeadClickVersionsABreakdownByPageWeekOverWeekAndUniqueUsers() {
        List<FollowUps.Suggestion> suggestions = of(CLICKS);

        assertThat(suggestions).extracting(FollowUps.Suggestion::title).containsExactly("Rage clicks instead of clicks", "Dead clicks instead of clicks",
                "Break down by page", "Week over week", "Unique users instead of counts");
        assertThat(query(suggestions, "Rage clicks instead of clicks")).as("the old name would be wrong").isEqualTo(Api.json(
                "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}],"
                        + "\"dateRange\":{\"date_from\":\"-7d\"}}}"));
        assertThat(query(suggestions, "Break down by page").get("source").get("breakdownFilter")).isEqualTo(Api.json(
                "{\"breakdown_type\":\"event\",\"breakdown\":\"$current_url\",\"breakdown_normalize_url\":true}"));
        assertThat(query(suggestions, "Week over week").get("source").get("compareFilter")).isEqualTo(Api.json("{\"compare\":true,\"compare_to\":\"-1w\"}"));
        assertThat(query(suggestions, "Unique users instead of counts").get("source").get("series").get(0).get("math").asText()).isEqualTo("dau");
        assertThat(suggestions).allSatisfy(suggestion -> {
            assertThat(suggestion.description()).isNotBlank();
            assertThat(TrendsOutline.isComputed(suggestion.query())).as(suggestion.title()).isTrue();
        });
    }

    @Test
    void aRageClickSeriesOnOnePageGetsRageClicksPerHundredClicksAndABreakdownByBrowser() {
        String bare = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"dau\"}],"
                + "\"properties\":[{\"type\":\"event\",\"key\":\"$current_url\",\"value\":\"/checkout\",\"operator\":\"exact\"}],"
                + "\"dateRange\":{\"date_from\":\"-30d\"},\"trendsFilter\":{\"display\":\"ActionsBar\"}}";

        List<FollowUps.Suggestion> suggestions = of(bare);

        assertThat(suggestions).extracting(FollowUps.Suggestion::title).containsExactly("Rage clicks per 100 clicks", "Break down by browser",
                "Against the previous period");
        assertThat(query(suggestions, "Rage clicks per 100 clicks")).as("a bare query stays bare").isEqualTo(Api.json(
                "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"dau\"},{\"kind\":\"EventsNode\","
                        + "\"event\":\"$autocapture\",\"math\":\"dau\"}],\"properties\":[{\"type\":\"event\",\"key\":\"$current_url\",\"value\":"
                        + "\"/checkout\",\"operator\":\"exact\"}],\"dateRange\":{\"date_from\":\"-30d\"},\"trendsFilter\":{\"display\":\"ActionsBar\","
                        + "\"formula\":\"A/B*100\"}}"));
        assertThat(query(suggestions, "Against the previous period").get("compareFilter")).isEqualTo(Api.json("{\"compare\":true}"));
    }

    @Test
    void whatTheQueryAlreadyDoesIsNotSuggestedAgain() {
        String compared = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$dead_click\",\"math\":\"unique_session\"}],"
                + "\"breakdownFilter\":{\"breakdown\":\"$current_url\"},\"compareFilter\":{\"compare\":true}}";

        assertThat(of(compared)).extracting(FollowUps.Suggestion::title).containsExactly("Break down by browser");
    }

    @Test
    void aQueryClickmapDoesNotComputeOrNoQueryGetsNone() {
        assertThat(of("{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"FunnelsQuery\",\"series\":[]}}")).isEmpty();
        assertThat(of("{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$pageview\"}]}")).isEmpty();
        assertThat(FollowUps.of(null)).isEmpty();
    }

    @Test
    void theSameQueryGetsTheSameSuggestions() {
        assertThat(of(CLICKS)).isEqualTo(of(CLICKS));
    }
}
