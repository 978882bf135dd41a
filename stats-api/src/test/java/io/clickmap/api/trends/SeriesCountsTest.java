package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesCountsTest {
    private static final Instant JUNE_1 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant JUNE_2 = Instant.parse("2025-06-02T00:00:00Z");

    @Test
    void rowsOfOneBucketAndValueAddUpAndRowsOfOtherBucketsAreLeftOut() throws IOException {
        SeriesCounts.Tally tally = SeriesCounts.perBucket(List.of(JUNE_1, JUNE_2));
        feed(tally, """
                {"bucket":%d,"value":"/a","total":2}
                {"value":"/a","bucket":%d,"total":"3"}
                {"bucket":%d,"value":"/b","total":1.5}
                {"bucket":%d,"value":"/a","total":100}
                """.formatted(JUNE_2.getEpochSecond(), JUNE_2.getEpochSecond(), JUNE_1.getEpochSecond(), JUNE_1.minusSeconds(86_400).getEpochSecond()));

        SeriesCounts counts = tally.counts();
        assertThat(counts.values()).containsOnlyKeys("/a", "/b");
        assertThat(counts.values().get("/a")).containsExactly(0, 5);
        assertThat(counts.values().get("/b")).containsExactly(1.5, 0);
    }

    @Test
    void aValuesBucketsAndTotalsSideBySideAddUpAsTheirRowsWouldAndAValueOnlyOutsideTheBucketsGetsNone() throws IOException {
        SeriesCounts.Tally tally = SeriesCounts.perBucket(List.of(JUNE_1, JUNE_2));
        long before = JUNE_1.minusSeconds(86_400).getEpochSecond();
        feed(tally, """
                {"value":"/a","buckets":[%d,%d,%d],"totals":[2,3,100]}
                {"value":"/a","buckets":[%d],"totals":[4]}
                {"value":"/early","buckets":[%d],"totals":[9]}
                """.formatted(JUNE_1.getEpochSecond(), JUNE_2.getEpochSecond(), before, JUNE_2.getEpochSecond(), before));

        assertThat(tally.counts().values()).containsOnlyKeys("/a");
        assertThat(tally.counts().values().get("/a")).containsExactly(2, 7);
    }

    @Test
    void aRowWhoseBucketsAndTotalsDifferInNumberIsRefused() {
        SeriesCounts.Tally tally = SeriesCounts.perBucket(List.of(JUNE_1));
        assertThatThrownBy(() -> feed(tally, "{\"value\":\"/a\",\"buckets\":[1,2],\"totals\":[1]}")).isInstanceOf(IOException.class);
    }

    @Test
    void rowsWithoutABucketAddUpPerValueAndFieldsItDoesNotKnowAreSkipped() throws IOException {
        SeriesCounts.Tally tally = SeriesCounts.perValue();
        feed(tally, """
                {"value":"x","total":4,"extra":{"nested":[1,2]}}
                {"value":"y","total":1}
                {"value":"x","total":6}
                """);

        assertThat(tally.counts().values().get("x")).containsExactly(10);
        assertThat(tally.counts().values().get("y")).containsExactly(1);
    }

    private static void feed(SeriesCounts.Tally tally, String rows) throws IOException {
        try (JsonParser parser = new ObjectMapper().createParser(rows)) {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                tally.read(parser);
            }
        }
    }
}
