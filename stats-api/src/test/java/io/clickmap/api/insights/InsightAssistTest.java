package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze}, {@code suggestions} and {@code generate_metadata} over HTTP on insights computed from real clicks:
 * rage clicks on the checkout in the first week of March 2021 (5 in Chrome, 1 in Firefox) and one the week before.
 */
@MicronautTest
class InsightAssistTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String PROJECT = "/api/projects/1/insights/";
    private static final String CHAIN = "button.pay:nth-child=\"1\"nth-of-type=\"1\"text=\"Pay\"";
    private static final String CHECKOUT = "https://shop.example.com/checkout";
    private static final String WEEK = "\"dateRange\":{\"date_from\":\"2021-03-01\",\"date_to\":\"2021-03-07\"}";
    private static final String RAGE = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$rageclick\"}]," + WEEK + ",\"compareFilter\":{\"compare\":true}}}";
    private static final String BY_BROWSER = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}]," + WEEK
            + ",\"breakdownFilter\":{\"breakdown_type\":\"event\",\"breakdown\":\"$browser\"}}";
    private static final String FUNNEL = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"FunnelsQuery\",\"series\":[]}}";
    private static final String READER = "phx_assist_reader_abcdef012345";
    private static final String WRITER = "phx_assist_writer_abcdef012345";
    private static final String ELEMENTS_ONLY = "phx_assist_elements_abcdef012345";

    @Inject
    EnvironmentStore environments;

    @Inject
    ApiKeyStore keys;

    @BeforeAll
    void storeClicks() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        keys.save(new ApiKey("reader", "reader", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(READER));
        keys.save(new ApiKey("writer", "writer", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_WRITE), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(WRITER));
        keys.save(new ApiKey("elements", "elements", UserIds.BOOTSTRAP, List.of(Scopes.ELEMENT_READ), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(ELEMENTS_ONLY));
        Events events = new Events();
        events.click(1, "$rageclick", CHAIN, CHECKOUT, "2021-03-02T10:00:00Z").property("$browser", "Chrome").times(2);
        events.click(1, "$rageclick", CHAIN, CHECKOUT, "2021-03-05T10:00:00Z").property("$browser", "Chrome").times(3);
        events.click(1, "$rageclick", CHAIN, CHECKOUT, "2021-03-07T10:00:00Z").property("$browser", "Firefox").once();
        events.click(1, "$rageclick", CHAIN, CHECKOUT, "2021-02-25T10:00:00Z").property("$browser", "Chrome").once();
        events.click(1, "$autocapture", CHAIN, CHECKOUT, "2021-03-03T10:00:00Z").property("$browser", "Chrome").times(4);
        events.insertInto(CLICKHOUSE);
    }

    private long create(String path, String query) {
        Api.Reply created = api().send("POST", path, "{\"name\":\"assist\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void analyzeSummarisesTheComputedTrendWithItsChangeAgainstThePreviousPeriod() {
        long id = create(INSIGHTS, RAGE);
        ok(api().get(INSIGHTS + id + "/?refresh=blocking"));

        JsonNode analysis = ok(api().get(INSIGHTS + id + "/analyze/"));

        assertThat(analysis).isEqualTo(Api.json("{\"result\":\"$rageclick: 6 in total, 1-Mar-2021 to 7-Mar-2021. Against the previous period: "
                + "up 500% from 1 to 6. Peak: 3 on 5-Mar-2021.\"}"));
        assertThat(ok(api().get(PROJECT + id + "/analyze"))).isEqualTo(analysis);
        assertThat(api().get(INSIGHTS + id + "/analyze/?format=csv").body())
                .isEqualTo("result\r\n\"$rageclick: 6 in total, 1-Mar-2021 to 7-Mar-2021. Against the previous period: up 500% from 1 to 6. "
                        + "Peak: 3 on 5-Mar-2021.\"\r\n");
    }

    @Test
    void analyzeWithRefreshComputesFirstAndNamesTheBreakdownValueThatMovedMost() {
        long id = create(PROJECT, BY_BROWSER);

        JsonNode analysis = ok(api().get(PROJECT + id + "/analyze/?refresh=blocking"));

        assertThat(analysis.get("result").asText()).isEqualTo("Totals, 1-Mar-2021 to 7-Mar-2021: Chrome 5 and Firefox 1. The last day (7-Mar-2021) "
                + "against the one before: up from 0 to 1. Peak: 3 on 5-Mar-2021 (Chrome). Moved most: the breakdown value Firefox, up from 0 to 1 "
                + "on the last day.");
    }

    @Test
    void analyzeIsEmptyWithoutAComputedTrend() {
        long neverComputed = create(INSIGHTS, RAGE.replace("2021-03-01", "2021-03-02"));
        long funnel = create(INSIGHTS, FUNNEL);
        long noQuery = api().send("POST", INSIGHTS, "{\"name\":\"no query\"}").json().get("id").asLong();

        for (long id : List.of(neverComputed, funnel, noQuery)) {
            assertThat(ok(api().get(INSIGHTS + id + "/analyze/"))).as("insight %d", id).isEqualTo(Api.json("{\"result\":\"\"}"));
        }
        assertThat(api().get(INSIGHTS + funnel + "/analyze/?refresh=blocking").json().get("code").asText()).isEqualTo("unsupported_query");
    }

    @Test
    void suggestionsAreFollowUpQueriesClickmapComputesOnGetAndPostAlike() {
        long id = create(INSIGHTS, RAGE);

        JsonNode suggestions = ok(api().get(INSIGHTS + id + "/suggestions/"));

        assertThat(suggestions.findValuesAsText("title")).containsExactly("Rage clicks per 100 clicks", "Break down by page",
                "Unique users instead of counts");
        assertThat(ok(api().send("POST", PROJECT + id + "/suggestions/", "{\"name\":\"ignored\"}"))).isEqualTo(suggestions);
        for (JsonNode suggestion : suggestions) {
            assertThat(suggestion.get("description").asText()).isNotBlank();
            long followUp = create(INSIGHTS, suggestion.get("query").toString());
            JsonNode computed = ok(api().get(INSIGHTS + followUp + "/?refresh=blocking"));
            assertThat(computed.get("result").isArray()).as(suggestion.get("title").asText()).isTrue();
        }
        long page = create(INSIGHTS, suggestions.get(1).get("query").toString());
        assertThat(ok(api().get(INSIGHTS + page + "/?refresh=blocking")).get("result").findValuesAsText("breakdown_value")).contains(CHECKOUT);
    }

    @Test
    void suggestionsAreEmptyForQueriesClickmapDoesNotCompute() {
        long funnel = create(INSIGHTS, FUNNEL);
        long noQuery = api().send("POST", INSIGHTS, "{\"name\":\"no query\"}").json().get("id").asLong();

        assertThat(ok(api().get(INSIGHTS + funnel + "/suggestions/"))).isEqualTo(Api.json("[]"));
        assertThat(ok(api().send("POST", INSIGHTS + noQuery + "/suggestions/", "{}"))).isEqualTo(Api.json("[]"));
    }

    @Test
    void generateMetadataNamesAndDescribesTheQuerySent() {
        JsonNode metadata = ok(api().send("POST", INSIGHTS + "generate_metadata/", "{\"query\":" + BY_BROWSER.replace("\"$rageclick\"}]",
                "\"$rageclick\"}],\"properties\":[{\"type\":\"event\",\"key\":\"$current_url\",\"value\":\"/checkout\",\"operator\":\"exact\"}]") + "}"));

        assertThat(metadata).isEqualTo(Api.json("{\"name\":\"Rage clicks per day on /checkout, by browser\",\"description\":\"Counts rage clicks "
                + "($rageclick) per day from 2021-03-01 to 2021-03-07, for events where $current_url is /checkout, broken down by $browser "
                + "(the top 25 values).\"}"));
        assertThat(ok(api().send("POST", PROJECT + "generate_metadata", "{\"query\":" + FUNNEL + "}")).get("name").asText())
                .isEqualTo("FunnelsQuery insight");
        assertThat(api().send("POST", INSIGHTS + "generate_metadata/?format=csv", "{\"query\":" + RAGE + "}").body()).isEqualTo(
                "name,description\r\n\"Rage clicks per day, vs the previous period\",\"Counts rage clicks ($rageclick) per day from 2021-03-01 "
                        + "to 2021-03-07, compared with the previous period.\"\r\n");
    }

    @Test
    void generateMetadataWithoutAQueryIsPostHogs400() {
        for (String body : List.of("{}", "{\"query\":null}", "{\"query\":{}}", "")) {
            Api.Reply refused = api().send("POST", INSIGHTS + "generate_metadata/", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json()).as(body).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"Missing 'query' field in request body\",\"attr\":\"query\"}"));
        }
        assertThat(api().send("POST", INSIGHTS + "generate_metadata/", "{\"query\":\"rage clicks\"}").json().get("attr").asText()).isEqualTo("query");
        assertThat(api().send("POST", INSIGHTS + "generate_metadata/", "{\"query\":{\"series\":[]}}").json().get("attr").asText()).isEqualTo("query");
        assertThat(api().send("POST", INSIGHTS + "generate_metadata/", "[1]").status()).isEqualTo(400);
    }

    @Test
    void anUnknownDeletedOrForeignInsightIsNotFound() {
        long deleted = create(INSIGHTS, RAGE);
        api().send("PATCH", INSIGHTS + deleted + "/", "{\"deleted\":true}");
        long foreign = create("/api/environments/2/insights/", RAGE);

        for (String path : List.of(INSIGHTS + "987654321", INSIGHTS + deleted, INSIGHTS + foreign, PROJECT + "Zz9Zz9Zz", INSIGHTS + "not-an-id")) {
            for (String action : List.of("/analyze/", "/suggestions/")) {
                Api.Reply missing = api().get(path + action);
                assertThat(missing.status()).as(path + action).isEqualTo(404);
                assertThat(missing.json().get("code").asText()).isEqualTo("not_found");
            }
            assertThat(api().send("POST", path + "/suggestions/", "{}").status()).isEqualTo(404);
        }
    }

    @Test
    void analyzeAndSuggestionsNeedInsightReadAndGenerateMetadataInsightWrite() {
        long id = create(INSIGHTS, RAGE);
        String metadata = "{\"query\":" + RAGE + "}";

        assertThat(api().withKey(READER).get(INSIGHTS + id + "/analyze/").status()).isEqualTo(200);
        assertThat(api().withKey(READER).get(PROJECT + id + "/suggestions/").status()).isEqualTo(200);
        assertThat(api().withKey(READER).send("POST", INSIGHTS + id + "/suggestions/", "{}").status()).isEqualTo(200);
        assertThat(api().withKey(WRITER).send("POST", INSIGHTS + "generate_metadata/", metadata).status()).isEqualTo(200);
        assertThat(api().withKey(READER).send("POST", INSIGHTS + "generate_metadata/", metadata).json().get("detail").asText())
                .isEqualTo("This API key lacks the scope insight:write.");
        assertThat(api().withKey(ELEMENTS_ONLY).get(INSIGHTS + id + "/analyze/").json().get("detail").asText())
                .isEqualTo("This API key lacks the scope insight:read.");
        assertThat(api().withKey(ELEMENTS_ONLY).get(INSIGHTS + id + "/suggestions/").status()).isEqualTo(403);
        assertThat(api().withKey(WRITER).get(INSIGHTS + id + "/analyze/").status()).as("insight:write holds insight:read, as in PostHog").isEqualTo(200);
        assertThat(api().withKey(null).get(INSIGHTS + id + "/analyze/").status()).isEqualTo(401);
        assertThat(api().withKey(null).send("POST", PROJECT + "generate_metadata/", metadata).status()).isEqualTo(401);
        assertThat(api().withKey(READER).get("/api/environments/2/insights/" + id + "/analyze/").status()).as("not its environment").isEqualTo(403);
    }

    @Test
    void methodsTheActionsDoNotHaveAre405AfterTheKeyAndScope() {
        long id = create(INSIGHTS, RAGE);
        for (String[] call : new String[][] {{"POST", "/analyze/"}, {"PATCH", "/analyze/"}, {"PUT", "/analyze/"}, {"DELETE", "/analyze/"},
                {"PATCH", "/suggestions/"}, {"PUT", "/suggestions/"}, {"DELETE", "/suggestions/"}}) {
            String path = PROJECT + id + call[1];
            assertThat(api().withKey(null).send(call[0], path).status()).as("%s %s", call[0], path).isEqualTo(401);
            assertThat(api().withKey(ELEMENTS_ONLY).send(call[0], path).status()).as("%s %s", call[0], path).isEqualTo(403);
            Api.Reply notAllowed = api().withKey(READER).send(call[0], path);
            assertThat(notAllowed.status()).as("%s %s", call[0], path).isEqualTo(405);
            assertThat(notAllowed.json().get("detail").asText()).isEqualTo("Method \"" + call[0] + "\" not allowed.");
        }
        for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
            assertThat(api().withKey(READER).send(method, INSIGHTS + "generate_metadata/").status()).as(method).isEqualTo(403);
            assertThat(api().withKey(WRITER).send(method, INSIGHTS + "generate_metadata/").status()).as(method).isEqualTo(405);
        }
    }
}
