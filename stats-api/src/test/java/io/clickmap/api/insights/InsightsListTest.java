package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.User;
import io.clickmap.api.users.UserStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The list and each of its filters, search and paging, as docs/insights-api.md says, on the real ClickHouse. */
@MicronautTest
class InsightsListTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String OTHER_KEY = "phx_insights_of_another_user_abcdef";
    private static final long OTHER_USER = 4_242;
    private static final String FUNNEL = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"FunnelsQuery\",\"series\":[]}}";
    private static final String SQL = "{\"kind\":\"DataVisualizationNode\",\"source\":{\"kind\":\"HogQLQuery\",\"query\":\"select 1\"}}";

    @Inject
    EnvironmentStore environments;
    @Inject
    UserStore users;
    @Inject
    ApiKeyStore keys;

    private long checkout;
    private long rageClicks;
    private long funnel;
    private long theirs;
    private long nameless;

    @BeforeAll
    void createInsights() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        users.save(new User(OTHER_USER, "0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e", "grace@example.com", "Grace", "Hopper", Instant.now()));
        keys.save(new ApiKey("other", "other", OTHER_USER, List.of(Scopes.INSIGHT_READ, Scopes.INSIGHT_WRITE), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(OTHER_KEY));
        checkout = create(api(), "{\"name\":\"Checkout clicks\",\"description\":\"Buttons on the cart page\",\"query\":" + InsightsCrudTest.TRENDS
                + ",\"tags\":[\"checkout\",\"weekly\"],\"order\":2}");
        rageClicks = create(api(), "{\"name\":\"Rage clicks by browser\",\"query\":" + InsightsCrudTest.TRENDS + ",\"favorited\":true,\"order\":1}");
        funnel = create(api(), "{\"name\":\"Signup funnel\",\"query\":" + FUNNEL + ",\"tags\":[\"growth\"]}");
        theirs = create(api().withKey(OTHER_KEY), "{\"name\":\"Grace's SQL\",\"query\":" + SQL + "}");
        nameless = create(api(), "{\"derived_name\":\"Pageviews of the blog\"}");
        long deleted = create(api(), "{\"name\":\"Checkout (old)\"}");
        assertThat(api().send("PATCH", INSIGHTS + deleted + "/", "{\"deleted\":true}").status()).isEqualTo(200);
        assertThat(api().send("POST", "/api/environments/2/insights/", "{\"name\":\"Checkout on the blog\"}").status()).isEqualTo(201);
    }

    private static long create(Api api, String body) {
        Api.Reply created = api.send("POST", INSIGHTS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private List<Long> ids(String query) {
        Api.Reply reply = api().get(INSIGHTS + query);
        assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        reply.json().get("results").forEach(row -> ids.add(row.get("id").asLong()));
        assertThat(reply.json().get("count").asLong()).as(query).isGreaterThanOrEqualTo(ids.size());
        return ids;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theListHoldsTheEnvironmentsLiveInsightsInOrderThenId() {
        Api.Reply all = api().get(INSIGHTS);
        assertThat(all.json().get("count").asLong()).isEqualTo(5);
        // order 1, order 2, then those without an order by id
        assertThat(ids("")).containsExactly(rageClicks, checkout, funnel, theirs, nameless);
        assertThat(InsightsCrudTest.keys(all.json())).containsExactly("count", "next", "previous", "results");
        assertThat(InsightsCrudTest.keys(all.json().get("results").get(0))).containsExactlyElementsOf(InsightsCrudTest.FIELDS);
        assertThat(ids("?order=-name")).as("no name last").containsExactly(funnel, rageClicks, theirs, checkout, nameless);
    }

    @Test
    void eachFilterNarrowsTheList() {
        assertThat(ids("?favorited=true")).containsExactly(rageClicks);
        assertThat(ids("?user=true")).containsExactlyInAnyOrder(rageClicks, checkout, funnel, nameless);
        assertThat(ids("?created_by=" + encoded("[" + OTHER_USER + "]"))).containsExactly(theirs);
        assertThat(ids("?tags=" + encoded("[\"Growth\",\"nope\"]"))).containsExactly(funnel);
        assertThat(ids("?insight=TRENDS")).containsExactlyInAnyOrder(checkout, rageClicks);
        assertThat(ids("?insight=funnels")).containsExactly(funnel);
        assertThat(ids("?insight=SQL")).containsExactly(theirs);
        assertThat(ids("?insight=JSON")).containsExactly(nameless);
        assertThat(ids("?saved=true")).hasSize(5);
        assertThat(ids("?saved=false")).isEmpty();
        String shortId = api().get(INSIGHTS + funnel + "/").json().get("short_id").asText();
        assertThat(ids("?short_id=" + shortId)).containsExactly(funnel);
        assertThat(ids("?date_from=-1d")).hasSize(5);
        assertThat(ids("?date_to=2020-01-01")).isEmpty();
        assertThat(ids("?created_date_from=2099-01-01")).isEmpty();
    }

    @Test
    void badFilterValuesAreRefusedNamingTheParameter() {
        for (String[] bad : new String[][] {{"?created_by=ada", "created_by"}, {"?created_by=" + encoded("[\"x\"]"), "created_by"},
                {"?tags=" + encoded("{\"a\":1}"), "tags"}, {"?insight=PIE", "insight"}, {"?order=secret", "order"},
                {"?date_from=yesterday", "date_from"}, {"?search=" + "s".repeat(201), "search"}, {"?limit=0", "limit"}}) {
            Api.Reply refused = api().get(INSIGHTS + bad[0]);
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json().get("attr").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api().get(INSIGHTS + "?format=xml").status()).isEqualTo(404);
    }

    @Test
    void searchRanksExactMatchesFirstThenSimilarOnesAndSaysWhich() {
        Api.Reply searched = api().get(INSIGHTS + "?search=CHECKOUT");
        assertThat(ids("?search=CHECKOUT")).containsExactly(checkout);
        assertThat(searched.json().get("results").get(0).get("search_match_type").asText()).isEqualTo("exact");
        assertThat(ids("?search=cart")).as("the description").containsExactly(checkout);
        assertThat(ids("?search=weekly")).as("a tag").containsExactly(checkout);
        assertThat(ids("?search=blog")).as("the derived name").containsExactly(nameless);

        // a typo finds it as similar; an exact match of another insight comes first
        Api.Reply typo = api().get(INSIGHTS + "?search=" + encoded("rage clikcs"));
        assertThat(typo.json().get("results").get(0).get("id").asLong()).isEqualTo(rageClicks);
        assertThat(typo.json().get("results").get(0).get("search_match_type").asText()).isEqualTo("similar");
        assertThat(ids("?search=" + encoded("signup fun"))).containsExactly(funnel);

        assertThat(ids("?search=" + encoded("   "))).as("blank is no filter").hasSize(5);
        assertThat(api().get(INSIGHTS).json().get("results").get(0).has("search_match_type")).isFalse();
        for (String hostile : new String[] {"' OR 1=1 --", "\\", "%", "_", "\u0000", "日本語", "\uD83D\uDE00"}) {
            Api.Reply reply = api().get(INSIGHTS + "?search=" + encoded(hostile));
            assertThat(reply.status()).as(hostile).isEqualTo(200);
            assertThat(reply.json().get("count").asLong()).as(hostile).isZero();
        }
    }

    @Test
    void basicRowsHaveExactlyTheBasicKeys() {
        JsonNode row = api().get(INSIGHTS + "?basic=true").json().get("results").get(0);
        assertThat(InsightsCrudTest.keys(row)).containsExactly("id", "short_id", "name", "derived_name", "favorited", "filters", "query",
                "dashboards", "dashboard_tiles", "description", "last_refresh", "refreshing", "saved", "updated_at", "created_by", "created_at",
                "last_modified_at", "tags", "user_access_level", "last_viewed_at");
    }

    @Test
    void pagesLinkToEachOtherKeepingEveryFilter() {
        Api.Reply first = api().get(INSIGHTS + "?limit=2&insight=TRENDS&order=name&search=clicks");
        JsonNode page = first.json();
        assertThat(page.get("count").asLong()).isEqualTo(2);
        Api.Reply small = api().get(INSIGHTS + "?limit=2&order=name&tags=" + encoded("[\"checkout\",\"growth\",\"weekly\"]") + "&user=1");
        assertThat(small.json().get("count").asLong()).isEqualTo(2);

        Api.Reply one = api().get(INSIGHTS + "?limit=1&order=name&user=1");
        assertThat(one.json().get("count").asLong()).isEqualTo(4);
        String next = one.json().get("next").asText();
        assertThat(next).contains("limit=1").contains("order=name").contains("user=1").contains("offset=1");
        URI uri = URI.create(next);
        Api.Reply second = api().get(uri.getRawPath() + "?" + uri.getRawQuery());
        assertThat(second.json().get("results").get(0).get("id").asLong()).isNotEqualTo(one.json().get("results").get(0).get("id").asLong());
        assertThat(second.json().get("previous").asText()).contains("offset=0").contains("user=1");
        assertThat(one.json().get("previous").isNull()).isTrue();
    }

    @Test
    void anotherEnvironmentsInsightIsInvisible() {
        long blog = api().get("/api/environments/2/insights/").json().get("results").get(0).get("id").asLong();
        assertThat(ids("?search=blog")).doesNotContain(blog);
        assertThat(api().get(INSIGHTS + blog + "/").status()).isEqualTo(404);
        assertThat(api().send("PATCH", INSIGHTS + blog + "/", "{\"name\":\"taken\"}").status()).isEqualTo(404);
        assertThat(api().get("/api/environments/2/insights/" + blog + "/").json().get("name").asText()).isEqualTo("Checkout on the blog");
    }

    @Test
    void theListAsCsvHasOneRowPerInsight() {
        Api.Reply csv = api().get(INSIGHTS + "?format=csv&favorited=1");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,short_id,name,derived_name,description,tags,created_at,last_modified_at,last_refresh");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(rageClicks + ",").contains(",Rage clicks by browser,");
    }

    @Test
    void aWriteByAnotherInstanceShowsInTheNextListThoughTheListIsHeldInMemory() {
        long id = create(api(), "{\"name\":\"Written here\"}");
        assertThat(api().get(INSIGHTS + "?search=" + encoded("Written here")).json().get("count").asLong()).isEqualTo(1);
        // another instance's write: a newer version of the same insight, inserted behind this one's back
        CLICKHOUSE.sql("INSERT INTO insights SELECT team_id, id, version + 1, short_id, 'Written elsewhere', derived_name, description, query, "
                + "query_kind, source_kind, insight_order, deleted, favorited, tags, create_in_folder, created_at, created_by, last_modified_at, "
                + "last_modified_by, written_by, 'updated' FROM insights WHERE id = " + id);

        assertThat(api().get(INSIGHTS + "?search=" + encoded("Written here")).json().get("results").get(0).get("name").asText())
                .as("found as similar now, under its new name").isEqualTo("Written elsewhere");
        assertThat(ids("?search=elsewhere")).containsExactly(id);
        assertThat(api().send("PATCH", INSIGHTS + id + "/", "{\"deleted\":true}").status()).isEqualTo(200);
        assertThat(ids("?search=elsewhere")).isEmpty();
    }
}
