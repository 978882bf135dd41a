package io.clickmap.api.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import org.junit.jupiter.api.Test;

/** The name and description generate_metadata makes of a query: literal queries in, literal texts out. */
class QueryTitleTest {
    private static final int MAX = 400;

    private static QueryTitle.Metadata of(String query) {
        return QueryTitle.of(Api.json(query), MAX);
    }

    private static String trends(String parts) {
        return "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\"," + parts + "}}";
    }

    @Test
    void rageClicksPerDayOnOnePageByBrowserAreNamedSo() {
        QueryTitle.Metadata metadata = of(trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}],\"interval\":\"day\","
                + "\"properties\":[{\"type\":\"event\",\"key\":\"$current_url\",\"value\":\"/checkout\",\"operator\":\"exact\"}],"
                + "\"breakdownFilter\":{\"breakdown_type\":\"event\",\"breakdown\":\"$browser\"}"));

        assertThat(metadata.name()).isEqualTo("Rage clicks per day on /checkout, by browser");
        assertThat(metadata.description()).isEqualTo("Counts rage clicks ($rageclick) per day over the last 7 days, "
                + "for events where $current_url is /checkout, broken down by $browser (the top 25 values).");
    }

    @Test
    void aBareQueryWithDefaultsCountsAllClickEventsOverTheLastSevenDays() {
        QueryTitle.Metadata metadata = of("{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\"}]}");

        assertThat(metadata.name()).isEqualTo("Click events per day");
        assertThat(metadata.description()).isEqualTo("Counts click events ($autocapture, $rageclick and $dead_click) per day over the last 7 days.");
    }

    @Test
    void mathNamesWhoIsCountedAndSeveralSeriesAreListed() {
        QueryTitle.Metadata metadata = of(trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"dau\"},"
                + "{\"kind\":\"EventsNode\",\"event\":\"$dead_click\",\"math\":\"unique_session\"},"
                + "{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"math\":\"weekly_active\"}],\"interval\":\"week\","
                + "\"dateRange\":{\"date_from\":\"-90d\"},\"compareFilter\":{\"compare\":true}"));

        assertThat(metadata.name()).isEqualTo("Unique users with clicks, sessions with dead clicks and weekly active users with rage clicks per week, "
                + "vs the previous period");
        assertThat(metadata.description()).isEqualTo("Counts unique users with clicks ($autocapture), sessions with dead clicks ($dead_click) "
                + "and weekly active users with rage clicks ($rageclick) per week over the last 90 days, compared with the previous period.");
    }

    @Test
    void customNamesElementFiltersAndAGroupNodeReadAsWritten() {
        QueryTitle.Metadata metadata = of(trends("\"series\":[{\"kind\":\"GroupNode\",\"operator\":\"OR\",\"custom_name\":\"Frustration\","
                + "\"nodes\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"},{\"kind\":\"EventsNode\",\"event\":\"$dead_click\"}]},"
                + "{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"properties\":[{\"type\":\"element\",\"key\":\"text\",\"value\":\"Buy\","
                + "\"operator\":\"exact\"}]}],\"interval\":\"hour\",\"dateRange\":{\"date_from\":\"dStart\"},\"compareFilter\":{\"compare\":true,"
                + "\"compare_to\":\"-1w\"},\"filterTestAccounts\":true"));

        assertThat(metadata.name()).isEqualTo("Frustration and clicks per hour, vs 1 week earlier");
        assertThat(metadata.description()).isEqualTo("Counts Frustration ($rageclick, $dead_click) and clicks ($autocapture) where element text "
                + "is \"Buy\" per hour today, compared with 1 week earlier, leaving out internal users.");
    }

    @Test
    void anElementFilterOfTheOneSeriesNamesTheElement() {
        QueryTitle.Metadata metadata = of(trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"properties\":[{\"type\":"
                + "\"element\",\"key\":\"selector\",\"value\":\"button.buy\",\"operator\":\"exact\"}]}],\"properties\":{\"type\":\"AND\",\"values\":"
                + "[{\"type\":\"event\",\"key\":\"$pathname\",\"value\":\"pay\",\"operator\":\"icontains\"}]}"));

        assertThat(metadata.name()).isEqualTo("Rage clicks on button.buy per day on pages containing \"pay\"");
    }

    @Test
    void formulasReadTheirLettersAsTheirSeries() {
        QueryTitle.Metadata metadata = of(trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"},{\"kind\":\"EventsNode\","
                + "\"event\":\"$autocapture\"}],\"trendsFilter\":{\"formula\":\"A/B*100\",\"display\":\"ActionsLineGraphCumulative\"},"
                + "\"dateRange\":{\"date_from\":\"2020-01-09\",\"date_to\":\"2020-01-19\"}"));

        assertThat(metadata.name()).isEqualTo("Rage clicks / clicks * 100 per day, running total");
        assertThat(metadata.description()).isEqualTo("Computes A/B*100 per day from 2020-01-09 to 2020-01-19, where A is rage clicks "
                + "($rageclick) and B is clicks ($autocapture), as a running total.");
    }

    @Test
    void aTotalValueDisplayNamesItsWindowInstead() {
        QueryTitle.Metadata metadata = of(trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$dead_click\"}],\"dateRange\":{\"date_from\":"
                + "\"-1mStart\"},\"trendsFilter\":{\"display\":\"BoldNumber\"},\"properties\":[{\"key\":\"$current_url\",\"value\":[\"/a\",\"/b\"],"
                + "\"operator\":\"exact\",\"type\":\"event\"}]"));

        assertThat(metadata.name()).isEqualTo("Dead clicks since the start of last month on /a or /b");
        assertThat(metadata.description()).isEqualTo("Counts dead clicks ($dead_click) since the start of last month, for events where "
                + "$current_url is one of /a or /b, as one total for the whole range.");
    }

    @Test
    void aQueryClickmapDoesNotComputeIsNamedByItsKind() {
        QueryTitle.Metadata funnel = of("{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"FunnelsQuery\",\"series\":[]}}");
        QueryTitle.Metadata summed = of(trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"sum\"}]"));

        assertThat(funnel.name()).isEqualTo("FunnelsQuery insight");
        assertThat(funnel.description()).startsWith("A FunnelsQuery. Clickmap names it by its kind only, since it does not compute it: ")
                .endsWith("got FunnelsQuery");
        assertThat(summed.name()).isEqualTo("TrendsQuery insight");
        assertThat(summed.description()).contains("series[0].math");
    }

    @Test
    void theSameQueryGetsTheSameTextsAndLongOnesAreCut() {
        String many = trends("\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"custom_name\":\"" + "x".repeat(500) + "\"}]");

        assertThat(of(many)).isEqualTo(of(many));
        assertThat(of(many).name()).hasSize(MAX).endsWith("…");
        assertThat(of(many).description()).hasSize(MAX);
    }
}
