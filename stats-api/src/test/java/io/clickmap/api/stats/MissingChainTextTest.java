package io.clickmap.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * A chain the rollup counts but {@code element_chains} does not hold (yet): the materialized views of one insert
 * are written one after another. The answer is right at once, from the events, and a text found nowhere is never
 * remembered — neither the page nor the element array — so the chain shows its elements as soon as it is stored.
 */
@MicronautTest
class MissingChainTextTest extends ServiceTest {
    private static final String BUTTON = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\";form:nth-child=\"0\"nth-of-type=\"0\"";
    private static final String BUTTON_ELEMENTS = "[{\"text\":\"Buy\",\"tag_name\":\"button\",\"attr_class\":[\"buy\"],\"href\":null,\"attr_id\":null,"
            + "\"nth_child\":1,\"nth_of_type\":1,\"attributes\":{},\"order\":0},{\"text\":null,\"tag_name\":\"form\",\"attr_class\":null,"
            + "\"href\":null,\"attr_id\":null,\"nth_child\":0,\"nth_of_type\":0,\"attributes\":{},\"order\":1}]";
    private static final String LINK = "a.more:href=\"/more\"nth-child=\"0\"nth-of-type=\"0\"";
    private static final String LINK_ELEMENTS = "[{\"text\":null,\"tag_name\":\"a\",\"attr_class\":[\"more\"],\"href\":\"/more\",\"attr_id\":null,"
            + "\"nth_child\":0,\"nth_of_type\":0,\"attributes\":{},\"order\":0}]";

    private String hashOf(String chain) {
        return Long.toUnsignedString(Long.parseUnsignedLong(scalar("SELECT cityHash64('" + chain.replace("\"", "\\\"") + "')")), 16);
    }

    @Test
    void aChainNotYetInElementChainsIsReadFromTheEventsOfTheWindow() {
        CLICKHOUSE.sql("DETACH TABLE element_chains_from_landing");
        try {
            new Events().click(1, "$autocapture", BUTTON, "https://shop.example.com/", "2025-05-02T09:00:00Z").times(3).insertInto(CLICKHOUSE);
        } finally {
            CLICKHOUSE.sql("ATTACH TABLE element_chains_from_landing");
        }
        assertThat(scalar("SELECT count() FROM element_chains WHERE chain_hash = cityHash64('" + BUTTON.replace("\"", "\\\"") + "')")).isEqualTo("0");

        Api.Reply reply = api().get("/api/environments/1/elements/stats/?date_from=2025-05-02&date_to=2025-05-02");

        assertThat(reply.header("Server-Timing").orElseThrow()).contains("storage;desc=\"rollup\"");
        assertThat(reply.body()).isEqualTo("[{\"count\":3,\"hash\":\"" + hashOf(BUTTON) + "\",\"type\":\"$autocapture\",\"elements\":" + BUTTON_ELEMENTS + "}]");
    }

    @Test
    void aChainFoundNowhereShowsNoElementsAndNeitherThePageNorTheElementsAreRemembered() {
        String day = "date_from=2025-05-05&date_to=2025-05-05";
        // Only the rollup knows this chain: its text is neither in element_chains nor in the events.
        CLICKHOUSE.sql("INSERT INTO element_clicks_daily (team_id, day, event, url_hash, chain_hash, count) VALUES "
                + "(1, '2025-05-05', '$autocapture', cityHash64('https://shop.example.com/'), cityHash64('" + LINK.replace("\"", "\\\"") + "'), 4)");

        Api.Reply first = api().get("/api/environments/1/elements/stats/?" + day);
        Api.Reply again = api().get("/api/environments/1/elements/stats/?" + day);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("[{\"count\":4,\"hash\":\"" + hashOf(LINK) + "\",\"type\":\"$autocapture\",\"elements\":[]}]");
        assertThat(again.header("Server-Timing").orElseThrow()).doesNotContain("cache");

        new Events().click(1, "$autocapture", LINK, "https://shop.example.com/", "2025-05-05T10:00:00Z").once().insertInto(CLICKHOUSE);

        assertThat(api().get("/api/environments/1/elements/stats/?" + day).body())
                .isEqualTo("[{\"count\":5,\"hash\":\"" + hashOf(LINK) + "\",\"type\":\"$autocapture\",\"elements\":" + LINK_ELEMENTS + "}]");
        assertThat(api().get("/api/environments/1/elements/stats/?date_from=2025-05-04&date_to=2025-05-05&limit=3").body())
                .isEqualTo("[{\"count\":5,\"hash\":\"" + hashOf(LINK) + "\",\"type\":\"$autocapture\",\"elements\":" + LINK_ELEMENTS + "}]");
    }
}
