package io.clickmap.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.ShopFixture;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every parameter of both endpoints fed hostile text: SQL injection, quotes, backslashes, regex and LIKE
 * metacharacters, template placeholders, NUL, huge values, invalid UTF-8. Each answer is a 400 or a correct
 * (usually empty) answer — never a server error — and afterwards every table holds exactly what it held.
 */
@MicronautTest
class HostileInputTest extends ServiceTest {
    private static final String STATS = "/api/environments/1/elements/stats/?date_from=2025-03-10&date_to=2025-03-10&";
    private static final String VALUES = "/api/environments/1/elements/values/?";
    private static final List<String> HOSTILE = List.of(
            "'; DROP TABLE events; --",
            "' OR 1=1 --",
            "\\",
            "\\'",
            "\"",
            "'",
            "\u0000",
            "{team}",
            "{database}.events",
            ".*",
            "(",
            "[",
            "%",
            "_",
            "$",
            "😀 ünïcödé",
            "line\nbreak\r\n",
            "1; SELECT * FROM system.users",
            "a".repeat(20_000));
    private static final List<String> STATS_PARAMETERS = List.of("include", "date_from", "date_to", "properties", "limit", "offset",
            "paginate_response", "sampling_factor", "max_element_chain_depth", "data_attributes");
    private static final String[] TABLES = {"events", "element_clicks_daily", "element_chains", "element_urls", "environments", "api_keys"};

    @Inject
    EnvironmentStore environments;
    private String before;

    @BeforeAll
    void loadShopAndRememberEveryTable() {
        ShopFixture.load(CLICKHOUSE, environments);
        before = snapshot();
    }

    @AfterAll
    void everyTableIsUnchanged() {
        assertThat(snapshot()).isEqualTo(before);
    }

    private String snapshot() {
        StringBuilder state = new StringBuilder(scalar("SELECT groupArray(name) FROM (SELECT name FROM system.tables "
                + "WHERE database = currentDatabase() ORDER BY name)"));
        for (String table : TABLES) {
            // 18.16 cannot hash a UUID column directly.
            String hashed = table.equals("events")
                    ? "toString(uuid), team_id, event, timestamp, distinct_id, current_url, elements_chain, properties, property_values"
                    : "*";
            state.append('\n').append(table).append(' ').append(scalar("SELECT count(), sum(cityHash64(" + hashed + ")) FROM " + table));
        }
        return state.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void assertRefusedOrAnswered(Api.Reply reply, String what) {
        assertThat(reply.status()).as(what + " → " + reply.body()).isIn(200, 400);
        JsonNode body = reply.json();
        if (reply.status() == 400) {
            assertThat(body.get("type").asText()).isEqualTo("validation_error");
            assertThat(body.has("attr")).isTrue();
        }
    }

    /** Stats rows as "count hash type". */
    private static List<String> rows(JsonNode rows) {
        List<String> compact = new ArrayList<>();
        rows.forEach(row -> compact.add(row.get("count").asLong() + " " + row.get("hash").asText() + " " + row.get("type").asText()));
        return compact;
    }

    /** The shop's day without any hostile parameter: what an answered request must still count. */
    private List<String> unfilteredRows() {
        List<String> rows = rows(api().get(STATS).json());
        assertThat(rows).containsExactly("3 " + ShopFixture.PRICING_HASH + " $autocapture", "2 " + ShopFixture.SIGNUP_HASH + " $autocapture",
                "2 " + ShopFixture.IMAGE_HASH + " $autocapture");
        return rows;
    }

    @Test
    void hostileTextInAnyStatsParameterIsRefusedOrAnswered() {
        List<String> unfiltered = unfilteredRows();
        for (String parameter : STATS_PARAMETERS) {
            for (String text : HOSTILE) {
                Api.Reply reply = api().get(STATS + parameter + "=" + encode(text));
                assertRefusedOrAnswered(reply, parameter + "=" + text);
                if (reply.status() == 200) {
                    // accepted only where the text cannot change what is counted (paginate_response, data_attributes)
                    assertThat(rows(reply.json())).as(parameter + "=" + text).isEqualTo(unfiltered);
                }
            }
        }
        assertThat(api().get(STATS + "include=" + encode("'; DROP TABLE events; --")).json().get("attr").asText()).isEqualTo("include");
        assertThat(api().get(STATS + "limit=" + encode("1; DROP TABLE events")).json().get("attr").asText()).isEqualTo("limit");
    }

    @Test
    void hostileTextAsAFilterValueMatchesNothingLiterallyWithEveryOperator() {
        List<String> unfiltered = unfilteredRows();
        for (String operator : List.of("exact", "is_not", "icontains", "not_icontains", "regex", "not_regex", "simple")) {
            for (String text : HOSTILE) {
                for (String key : List.of("$current_url", "plan")) {
                    var filter = JsonNodeFactory.instance.arrayNode().addObject().put("key", key).put("value", text).put("operator", operator);
                    Api.Reply reply = api().get(STATS + "properties=" + encode("[" + filter + "]"));
                    assertRefusedOrAnswered(reply, operator + " " + key + " " + text);
                    if (reply.status() == 200 && (operator.equals("exact") || operator.equals("icontains") || operator.equals("simple"))) {
                        assertThat(reply.json()).as(operator + " " + text).isEmpty();
                    }
                    if (reply.status() == 200 && (operator.equals("is_not") || operator.equals("not_icontains"))) {
                        // no value is the hostile text, and clicks without the property count too: every click
                        assertThat(rows(reply.json())).as(operator + " " + key + " " + text).isEqualTo(unfiltered);
                    }
                }
            }
        }
    }

    @Test
    void hostileTextAsAFilterKeyOrTypeIsRefusedOrMatchesNothing() {
        for (String text : HOSTILE) {
            var byKey = JsonNodeFactory.instance.arrayNode().addObject().put("key", text).put("value", "x");
            Api.Reply reply = api().get(STATS + "properties=" + encode("[" + byKey + "]"));
            assertRefusedOrAnswered(reply, "key " + text);
            if (reply.status() == 200) {
                assertThat(reply.json()).isEmpty();
            }
            var byType = JsonNodeFactory.instance.arrayNode().addObject().put("key", "plan").put("value", "x").put("type", text);
            assertThat(api().get(STATS + "properties=" + encode("[" + byType + "]")).status()).isEqualTo(400);
        }
    }

    @Test
    void hostileTextInTheValuesParametersIsRefusedOrAnsweredLiterally() {
        for (String text : HOSTILE) {
            Api.Reply byValue = api().get(VALUES + "key=text&value=" + encode(text));
            assertRefusedOrAnswered(byValue, "value=" + text);
            if (byValue.status() == 200) {
                assertThat(byValue.json()).isEmpty();
            }
            Api.Reply byKey = api().get(VALUES + "key=" + encode(text));
            assertThat(byKey.status()).as("key=" + text).isEqualTo(400);
            assertThat(byKey.json()).as("key=" + text).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"key must be one of attr_id, href, tag_name, text\",\"attr\":\"key\"}"));
        }
        assertThat(api().get(VALUES + "key=text&value=" + encode("Sign")).body()).isEqualTo("[{\"name\":\"Sign up\"}]");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheParameter() {
        for (String parameter : List.of("include", "date_from", "properties", "limit", "data_attributes")) {
            Api.Reply reply = api().get(STATS + parameter + "=%FF%FE");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("attr").asText()).isEqualTo(parameter);
            assertThat(reply.json().get("detail").asText()).isEqualTo("The value of " + parameter + " is not valid UTF-8 once percent-decoded.");
        }
        assertThat(api().get(VALUES + "key=text&value=%C3%28").json().get("attr").asText()).isEqualTo("value");
    }

    @Test
    void malformedPercentEscapesAreRefused() {
        for (String query : List.of("limit=%zz", "properties=%", "value=%4", "key=text&value=%G1")) {
            Api.Reply stats = api().raw(STATS + query);
            assertThat(stats.status()).as(query).isEqualTo(400);
            JsonNode error = Api.json(stats.body());
            assertThat(error.get("type").asText()).as(query).isEqualTo("validation_error");
            assertThat(error.get("code").asText()).as(query).isEqualTo("invalid_input");
            assertThat(error.get("detail").asText()).as(query).doesNotContainIgnoringCase("exception").doesNotContain("io.micronaut");
        }
    }

    @Test
    void hostileEnvironmentIdsNameNoResource() {
        for (String id : List.of("1%20OR%201=1", "1'", "%27%3B%20DROP%20TABLE%20events%3B%20--", "1e3", "+1", "0x1")) {
            Api.Reply reply = api().get("/api/environments/" + id + "/elements/stats/");
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.json()).as(id).isEqualTo(Api.json("{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}"));
        }
    }
}
