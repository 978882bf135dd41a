package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void valuesArePercentAndPlusDecodedAndTheLastOccurrenceWins() {
        QueryString query = QueryString.parse("include=%24autocapture&include=$rageclick&limit=1&limit=2&a+b=c+d%2B");
        assertThat(query.all("include")).containsExactly("$autocapture", "$rageclick");
        assertThat(query.last("limit")).isEqualTo("2");
        assertThat(query.last("a b")).isEqualTo("c d+");
        assertThat(query.last("missing")).isNull();
        assertThat(QueryString.parse("flag").last("flag")).isEmpty();
    }

    @Test
    void withOffsetKeepsTheRawQueryAndSetsEveryOffset() {
        assertThat(QueryString.parse("a=%20x&offset=5&b=1").withOffset(10)).isEqualTo("a=%20x&offset=10&b=1");
        assertThat(QueryString.parse("a=%20x&b=1").withOffset(10)).isEqualTo("a=%20x&b=1&offset=10");
        assertThat(QueryString.parse("offset=1&%6Fffset=2").withOffset(0)).isEqualTo("offset=0&offset=0");
        assertThat(QueryString.parse("").withOffset(3)).isEqualTo("offset=3");
        assertThat(QueryString.parse(null).withOffset(3)).isEqualTo("offset=3");
        assertThat(QueryString.parse("a=1&&b=2").withOffset(3)).isEqualTo("a=1&&b=2&offset=3");
    }

    @Test
    void withSetsAnyOneParameterTheSameWay() {
        assertThat(QueryString.parse("limit=2&pag%65=1&x=%2F").with("page", 2)).isEqualTo("limit=2&page=2&x=%2F");
        assertThat(QueryString.parse("limit=2").with("page", 3)).isEqualTo("limit=2&page=3");
        assertThat(QueryString.parse("offset=4").with("page", 3)).as("only the named parameter").isEqualTo("offset=4&page=3");
        assertThat(QueryString.parse("").with("page", 1)).isEqualTo("page=1");
    }

    @Test
    void malformedEscapesAndInvalidUtf8AreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> QueryString.parse("limit=%zz")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().attr()).isEqualTo("limit"));
        assertThatThrownBy(() -> QueryString.parse("value=%C3%28")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().detail()).isEqualTo("The value of value is not valid UTF-8 once percent-decoded."));
        assertThatThrownBy(() -> QueryString.parse("value=abc%")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> QueryString.parse("%FF=1")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().attr()).isNull());
    }

    @Test
    void serverTimingReportsClickHouseFirstWithItsQueryCountThenTheOtherPhases() {
        ServerTiming timing = new ServerTiming();
        timing.addClickHouse(1_500_000);
        timing.addClickHouse(500_000);
        timing.note("storage", "rollup");
        timing.add("render", 250_000);
        assertThat(timing.header()).isEqualTo("clickhouse;dur=2.00;desc=\"2 queries\", storage;desc=\"rollup\", render;dur=0.25");
    }
}
