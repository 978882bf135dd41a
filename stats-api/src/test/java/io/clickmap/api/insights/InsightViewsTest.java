package io.clickmap.api.insights;

import io.clickmap.api.clickhouse.Micros;
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
import io.clickmap.api.users.UserIds;
import io.clickmap.api.users.UserStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST …/insights/viewed/} and {@code GET …/insights/my_last_viewed/} on the real ClickHouse, as docs/insights-api.md says. */
@MicronautTest
class InsightViewsTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String VIEWED = INSIGHTS + "viewed/";
    private static final String LAST_VIEWED = INSIGHTS + "my_last_viewed/";
    private static final String WRITE_ONLY = "phx_views_write_only_abcdef";
    private static final String ELEMENTS_ONLY = "phx_views_elements_only_abcdef";
    /** The basic form's keys, in PostHog's order. */
    static final List<String> BASIC = List.of("id", "short_id", "name", "derived_name", "favorited", "filters", "query", "dashboards",
            "dashboard_tiles", "description", "last_refresh", "refreshing", "saved", "updated_at", "created_by", "created_at", "last_modified_at",
            "tags", "user_access_level", "last_viewed_at");

    @Inject
    ApiKeyStore keys;
    @Inject
    UserStore users;
    @Inject
    EnvironmentStore environments;

    /** A user and the key that acts as them. */
    private record Viewer(User user, Api api) {
    }

    @BeforeAll
    void createEnvironmentAndKeys() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        keys.save(new ApiKey("write-only", "write-only", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_WRITE), true, List.of(), Instant.now(), false),
                ApiKeySecrets.hash(WRITE_ONLY));
        keys.save(new ApiKey("elements-only", "elements-only", UserIds.BOOTSTRAP, List.of(Scopes.ELEMENT_READ), true, List.of(), Instant.now(), false),
                ApiKeySecrets.hash(ELEMENTS_ONLY));
    }

    /** A new user with a key of these scopes for environment 1 only. */
    private Viewer viewer(String firstName, String... scopes) {
        User user = new User(UserIds.random(), UUID.randomUUID().toString(), firstName.toLowerCase() + "-" + UUID.randomUUID() + "@example.com",
                firstName, "Tester", Instant.now());
        users.save(user);
        String key = "phx_views_" + UUID.randomUUID().toString().replace("-", "");
        keys.save(new ApiKey(key.substring(10, 22), firstName, user.id(), List.of(scopes), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(key));
        return new Viewer(user, api().withKey(key));
    }

    private Viewer reader(String firstName) {
        return viewer(firstName, Scopes.INSIGHT_READ);
    }

    private long create(long environment, String name) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static void view(Viewer viewer, long... ids) {
        Api.Reply reply = viewer.api().send("POST", VIEWED, "{\"insight_ids\":" + list(ids) + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.body()).isEmpty();
    }

    private static String list(long... ids) {
        return LongStream.of(ids).mapToObj(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static JsonNode lastViewed(Viewer viewer) {
        Api.Reply reply = viewer.api().get(LAST_VIEWED);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<Long> ids(JsonNode insights) {
        List<Long> ids = new ArrayList<>();
        insights.forEach(insight -> ids.add(insight.get("id").asLong()));
        return ids;
    }

    private String rows(Viewer viewer) {
        return scalar("SELECT count() FROM insight_views WHERE user_id = " + viewer.user().id());
    }

    @Test
    void aViewIsOneLogicalRowPerUserAndInsightAndViewingAgainMovesItsTime() {
        Viewer grace = reader("Grace");
        long id = create(1, "Viewed twice");

        view(grace, id);
        String first = lastViewed(grace).get(0).get("last_viewed_at").asText();
        view(grace, id, id);
        JsonNode again = lastViewed(grace);

        assertThat(ids(again)).containsExactly(id);
        assertThat(Instant.parse(again.get(0).get("last_viewed_at").asText())).isAfter(Instant.parse(first));
        assertThat(scalar("SELECT count() FROM insight_views FINAL WHERE user_id = " + grace.user().id())).as("one row once merged").isEqualTo("1");
        assertThat(scalar("SELECT max(viewed_at) FROM insight_views FINAL WHERE user_id = " + grace.user().id()))
                .isEqualTo(String.valueOf(Micros.of(Instant.parse(again.get(0).get("last_viewed_at").asText()))));
    }

    @Test
    void listRowsCarryTheNewestViewByAnyoneAndTheLastViewedWindowFiltersOnIt() {
        Viewer ada = reader("Ada");
        Viewer bo = reader("Bo");
        long viewed = create(1, "Viewed by two");
        long unviewed = create(1, "Viewed by its creator only");
        JsonNode createdUnviewed = api().get(INSIGHTS + unviewed + "/").json();
        view(ada, viewed);
        view(bo, viewed);
        Instant byBo = Instant.parse(lastViewed(bo).get(0).get("last_viewed_at").asText());

        for (String form : List.of("", "&basic=true")) {
            JsonNode page = api().get(INSIGHTS + "?short_id=" + shortId(viewed) + form).json();
            assertThat(Instant.parse(page.get("results").get(0).get("last_viewed_at").asText())).as(form).isEqualTo(byBo);
            JsonNode creatorOnly = api().get(INSIGHTS + "?short_id=" + shortId(unviewed) + form).json();
            assertThat(creatorOnly.get("results").get(0).get("last_viewed_at")).as("creation is a view" + form)
                    .isEqualTo(createdUnviewed.get("created_at"));
        }
        String window = "last_viewed_date_from=" + byBo;
        assertThat(ids(api().get(INSIGHTS + "?limit=1000&" + window).json().get("results"))).contains(viewed).doesNotContain(unviewed);
        String before = "last_viewed_date_to=" + byBo.minusSeconds(1).toString().substring(0, 19);
        assertThat(ids(api().get(INSIGHTS + "?limit=1000&" + before).json().get("results"))).doesNotContain(viewed);
    }

    private String shortId(long id) {
        return api().get(INSIGHTS + id + "/").json().get("short_id").asText();
    }

    @Test
    void idsOfDeletedUnknownOrAnotherEnvironmentsInsightsAreDroppedSilently() {
        Viewer lin = reader("Lin");
        long live = create(1, "Live");
        long deleted = create(1, "Deleted");
        api().send("PATCH", INSIGHTS + deleted + "/", "{\"deleted\":true}");
        long blogs = create(2, "Of the blog");

        view(lin, blogs, deleted, 987_654_321L, live, -5);

        assertThat(scalar("SELECT groupArray(insight_id) FROM insight_views WHERE user_id = " + lin.user().id())).isEqualTo("[" + live + "]");
        view(lin, blogs, deleted);
        assertThat(rows(lin)).as("nothing to record: no insert").isEqualTo("1");
    }

    @Test
    void myLastViewedIsTheCallersFiveLatestNewestFirstInTheBasicFormWithTheirViewTime() {
        Viewer ada = reader("Ada");
        Viewer other = reader("Other");
        List<Long> insights = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            insights.add(create(1, "Seen " + i));
            view(ada, insights.get(i));
        }
        view(other, insights.get(0));

        JsonNode last = lastViewed(ada);

        assertThat(ids(last)).containsExactly(insights.get(6), insights.get(5), insights.get(4), insights.get(3), insights.get(2));
        assertThat(InsightsCrudTest.keys(last.get(0))).containsExactlyElementsOf(BASIC);
        assertThat(last.get(0).get("name").asText()).isEqualTo("Seen 6");
        assertThat(last.get(0).get("created_by").get("email").asText()).isEqualTo("bootstrap@clickmap.local");
        assertThat(Instant.parse(last.get(0).get("last_viewed_at").asText())).isAfter(Instant.parse(last.get(1).get("last_viewed_at").asText()));

        view(ada, insights.get(0));
        assertThat(ids(lastViewed(ada))).as("viewed again: first").containsExactly(insights.get(0), insights.get(6), insights.get(5),
                insights.get(4), insights.get(3));
        api().send("PATCH", INSIGHTS + insights.get(6) + "/", "{\"deleted\":true}");
        assertThat(ids(lastViewed(ada))).as("deleted: left out, the next fills in").containsExactly(insights.get(0), insights.get(5),
                insights.get(4), insights.get(3), insights.get(2));
        assertThat(ids(lastViewed(other))).containsExactly(insights.get(0));
    }

    @Test
    void creatingAnInsightIsTheCreatorsViewAndRetrievingOneIsNoView() {
        Viewer kim = viewer("Kim", Scopes.INSIGHT_READ, Scopes.INSIGHT_WRITE);
        Viewer max = reader("Max");
        JsonNode created = kim.api().send("POST", INSIGHTS, "{\"name\":\"Kim's\"}").json();

        JsonNode last = lastViewed(kim);
        assertThat(ids(last)).containsExactly(created.get("id").asLong());
        assertThat(last.get(0).get("last_viewed_at")).isEqualTo(created.get("created_at"));

        assertThat(max.api().get(INSIGHTS + created.get("id").asText() + "/").status()).isEqualTo(200);
        assertThat(lastViewed(max)).isEmpty();
        assertThat(rows(kim)).as("creating stays one insert: the view is the insight's own row").isEqualTo("0");
    }

    @Test
    void badBodiesAreRefusedNamingInsightIdsAndStoreNothing() {
        Viewer bad = reader("Bad");
        long id = create(1, "Never viewed");
        String tooMany = list(LongStream.rangeClosed(1, ViewedBody.MAX_IDS + 1).toArray());
        for (String body : new String[] {"{}", "{\"insight_ids\":null}", "{\"insight_ids\":[]}", "{\"insight_ids\":" + id + "}",
                "{\"insight_ids\":\"" + id + "\"}", "{\"insight_ids\":[\"" + id + "\"]}", "{\"insight_ids\":[" + id + ".5]}",
                "{\"insight_ids\":[" + id + ",null]}", "{\"insight_ids\":[99999999999999999999]}", "{\"insight_ids\":" + tooMany + "}"}) {
            Api.Reply refused = bad.api().send("POST", VIEWED, body);
            assertThat(refused.status()).as(body.length() > 80 ? "2501 ids" : body).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("validation_error");
            assertThat(refused.json().get("attr").asText()).isEqualTo("insight_ids");
            assertThat(refused.json().get("detail").asText()).isEqualTo("insight_ids must be a list of 1 to 2500 insight ids (integers).");
        }
        assertThat(bad.api().send("POST", VIEWED, "[" + id + "]").json().get("attr").isNull()).isTrue();
        assertThat(bad.api().send("POST", VIEWED, "{\"insight_ids\":").json().get("code").asText()).isEqualTo("parse_error");
        assertThat(rows(bad)).isEqualTo("0");

        view(bad, LongStream.concat(LongStream.of(id), LongStream.rangeClosed(1, ViewedBody.MAX_IDS - 1)).toArray());
        assertThat(rows(bad)).as("2500 ids are accepted").isEqualTo("1");
    }

    @Test
    void otherMethodsOnTheViewActionsAnswer405AfterTheKeyAndItsScope() {
        String[][] calls = {{"GET", VIEWED}, {"PATCH", VIEWED}, {"PUT", "/api/projects/1/insights/viewed"}, {"DELETE", INSIGHTS + "viewed"},
                {"POST", LAST_VIEWED}, {"PATCH", "/api/projects/1/insights/my_last_viewed/"}, {"PUT", LAST_VIEWED}, {"DELETE", LAST_VIEWED},
                {"POST", INSIGHTS + "trending"}, {"PATCH", INSIGHTS + "trending/"}, {"PUT", "/api/projects/1/insights/trending/"},
                {"DELETE", INSIGHTS + "trending/"}};
        for (String[] call : calls) {
            Api.Reply reply = call[0].equals("GET") || call[0].equals("DELETE") ? api().send(call[0], call[1]) : api().send(call[0], call[1], "{}");
            assertThat(reply.status()).as("%s %s: %s", call[0], call[1], reply.body()).isEqualTo(405);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"invalid_request\",\"code\":\"method_not_allowed\",\"detail\":\"Method \\\"" + call[0]
                    + "\\\" not allowed.\",\"attr\":null}"));
            assertThat(api().withKey(null).send(call[0], call[1]).status()).as("%s %s without a key", call[0], call[1]).isEqualTo(401);
            assertThat(api().withKey(ELEMENTS_ONLY).send(call[0], call[1]).status()).as("%s %s without insight:read", call[0], call[1])
                    .isEqualTo(403);
        }
    }

    @Test
    void theViewActionsNeedInsightReadAndAKeyOfAnotherEnvironmentSeesNothing() {
        long id = create(1, "Of the shop");
        Viewer ada = reader("Ada");
        view(ada, id);
        String blogKey = "phx_views_ada_blog_only_abcdef";
        keys.save(new ApiKey("ada-blog", "ada-blog", ada.user().id(), List.of(Scopes.INSIGHT_READ), false, List.of(2L), Instant.now(), false),
                ApiKeySecrets.hash(blogKey));
        Api blog = api().withKey(blogKey);

        assertThat(blog.get("/api/environments/2/insights/my_last_viewed/").json()).isEmpty();
        assertThat(blog.get("/api/environments/2/insights/trending/").json().get("count").asInt()).isZero();
        assertThat(blog.get(LAST_VIEWED).status()).isEqualTo(403);
        assertThat(blog.send("POST", VIEWED, "{\"insight_ids\":[" + id + "]}").status()).isEqualTo(403);
        assertThat(blog.send("POST", "/api/environments/2/insights/viewed/", "{\"insight_ids\":[" + id + "]}").status()).isEqualTo(201);
        assertThat(scalar("SELECT count() FROM insight_views WHERE team_id = 2")).as("the shop's insight is not the blog's").isEqualTo("0");

        for (String[] call : new String[][] {{"POST", VIEWED}, {"GET", LAST_VIEWED}, {"GET", INSIGHTS + "trending/"}}) {
            Api elements = api().withKey(ELEMENTS_ONLY);
            Api.Reply denied = call[0].equals("GET") ? elements.get(call[1]) : elements.send(call[0], call[1], "{\"insight_ids\":[" + id + "]}");
            assertThat(denied.status()).as(call[1]).isEqualTo(403);
            assertThat(denied.json().get("detail").asText()).isEqualTo("This API key lacks the scope insight:read.");
        }
        assertThat(api().withKey(WRITE_ONLY).get(LAST_VIEWED).status()).as("insight:write holds insight:read, as in PostHog").isEqualTo(200);
    }

    @Test
    void bothPathFamiliesWithOrWithoutTheSlashAreTheSameViews() {
        Viewer lin = reader("Lin");
        long id = create(1, "Two families");
        Api.Reply viewed = lin.api().send("POST", "/api/projects/1/insights/viewed", "{\"insight_ids\":[" + id + "]}");
        assertThat(viewed.status()).as(viewed.body()).isEqualTo(201);

        JsonNode environments = lastViewed(lin);
        assertThat(ids(environments)).containsExactly(id);
        for (String path : new String[] {"/api/projects/1/insights/my_last_viewed", "/api/projects/1/insights/my_last_viewed/",
                "/api/environments/1/insights/my_last_viewed"}) {
            assertThat(lin.api().get(path).json()).as(path).isEqualTo(environments);
        }
    }

    @Test
    void myLastViewedAsCsvIsTheListsRowsWithTheViewTime() {
        Viewer csv = reader("Csv");
        long id = create(1, "In, a CSV");
        view(csv, id);
        String at = lastViewed(csv).get(0).get("last_viewed_at").asText();

        Api.Reply reply = csv.api().get(LAST_VIEWED + "?format=csv");

        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String[] lines = reply.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,short_id,name,derived_name,description,tags,created_at,last_modified_at,last_refresh,last_viewed_at");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(id + ",").contains(",\"In, a CSV\",").endsWith("," + at);
        assertThat(csv.api().get(LAST_VIEWED + "?format=xml").status()).isEqualTo(404);
    }
}
