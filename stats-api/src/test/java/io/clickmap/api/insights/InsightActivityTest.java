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
import io.clickmap.api.users.UserIds;
import io.clickmap.api.users.UserStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The insights' activity log, derived from their versions, on the real ClickHouse, as docs/insights-api.md says. */
@MicronautTest
class InsightActivityTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    /** Ada's key: insights and their log, environment 1 only. */
    private static final String ADA = "phx_ada_writes_insights_abcdef";
    private static final String WITHOUT_LOG = "phx_insights_but_no_activity_log_abcdef";
    private static final String BOOTSTRAP = "{\"first_name\":\"Bootstrap\",\"email\":\"bootstrap@clickmap.local\"}";

    @Inject
    ApiKeyStore keys;
    @Inject
    UserStore users;
    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void createEnvironmentsUsersAndKeys() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        environments.save(new Environment(3, "Paged", "phc_paged", Instant.now()));
        environments.save(new Environment(4, "Busy", "phc_busy", Instant.now()));
        User ada = new User(UserIds.random(), UUID.randomUUID().toString(), "ada@example.com", "Ada", "Lovelace", Instant.now());
        users.save(ada);
        keys.save(new ApiKey("ada", "ada", ada.id(), List.of(Scopes.INSIGHT_READ, Scopes.INSIGHT_WRITE, Scopes.ACTIVITY_LOG_READ), false,
                List.of(1L), Instant.now(), false), ApiKeySecrets.hash(ADA));
        keys.save(new ApiKey("no-log", "no-log", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ, Scopes.INSIGHT_WRITE), true, List.of(),
                Instant.now(), false), ApiKeySecrets.hash(WITHOUT_LOG));
    }

    private JsonNode create(long environment, String body) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode patch(Api as, JsonNode insight, String body) {
        Api.Reply patched = as.send("PATCH", INSIGHTS + insight.get("id").asText() + "/", body);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        return patched.json();
    }

    private JsonNode activity(String path) {
        Api.Reply reply = api().get(path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        return reply.json();
    }

    private JsonNode activityOf(JsonNode insight) {
        return activity(INSIGHTS + insight.get("id").asText() + "/activity/");
    }

    private static List<String> activities(JsonNode page) {
        List<String> activities = new ArrayList<>();
        page.get("results").forEach(entry -> activities.add(entry.get("activity").asText()));
        return activities;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("results").forEach(entry -> names.add(entry.get("detail").get("name").asText()));
        return names;
    }

    private static JsonNode changed(String field, String before, String after) {
        return Api.json("[{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"" + field + "\",\"before\":" + before
                + ",\"after\":" + after + "}]");
    }

    private String base() {
        return server.getURL().toString();
    }

    @Test
    void aSoftDeleteAndRestoreAreLoggedNewestFirstWithTheChangeOfDeleted() {
        JsonNode created = create(1, "{\"name\":\"Short-lived\"}");
        patch(api(), created, "{\"deleted\":true}");

        JsonNode whileDeleted = activityOf(created);
        assertThat(activities(whileDeleted)).as("a deleted insight's log is still readable").containsExactly("deleted", "created");
        assertThat(activity(INSIGHTS + created.get("short_id").asText() + "/activity").get("results")).isEqualTo(whileDeleted.get("results"));

        JsonNode restored = patch(api(), created, "{\"deleted\":false}");
        JsonNode log = activityOf(created);
        assertThat(InsightsCrudTest.keys(log)).containsExactly("results", "next", "previous", "total_count");
        assertThat(activities(log)).containsExactly("restored", "deleted", "created");
        assertThat(log.get("total_count").asLong()).isEqualTo(3);
        assertThat(log.get("next").isNull() && log.get("previous").isNull()).isTrue();

        JsonNode restore = log.get("results").get(0);
        assertThat(InsightsCrudTest.keys(restore)).containsExactly("id", "user", "activity", "scope", "item_id", "detail", "created_at");
        assertThat(InsightsCrudTest.keys(restore.get("detail"))).containsExactly("changes", "trigger", "type", "name", "short_id");
        assertThat(restore.get("detail").get("changes")).isEqualTo(changed("deleted", "true", "false"));
        assertThat(restore.get("user")).isEqualTo(Api.json(BOOTSTRAP));
        assertThat(restore.get("scope").asText()).isEqualTo("Insight");
        assertThat(restore.get("item_id").asText()).isEqualTo(created.get("id").asText());
        assertThat(restore.get("item_id").isTextual()).isTrue();
        assertThat(restore.get("detail").get("name").asText()).isEqualTo("Short-lived");
        assertThat(restore.get("detail").get("short_id").asText()).isEqualTo(created.get("short_id").asText());
        assertThat(restore.get("detail").get("trigger").isNull() && restore.get("detail").get("type").isNull()).isTrue();
        assertThat(restore.get("created_at").asText()).endsWith("Z").isEqualTo(restored.get("updated_at").asText());

        assertThat(log.get("results").get(1).get("detail").get("changes")).isEqualTo(changed("deleted", "false", "true"));
        JsonNode creation = log.get("results").get(2);
        assertThat(creation.get("detail").get("changes").isNull()).isTrue();
        assertThat(creation.get("created_at").asText()).isEqualTo(created.get("created_at").asText());
    }

    @Test
    void entryIdsAreUuidsThatStayTheSameFromReadToRead() {
        JsonNode created = create(1, "{\"name\":\"Stable ids\"}");
        patch(api(), created, "{\"name\":\"Stable ids, renamed\"}");

        JsonNode first = activityOf(created);
        JsonNode second = activityOf(created);
        List<String> ids = new ArrayList<>();
        first.get("results").forEach(entry -> ids.add(entry.get("id").asText()));
        assertThat(ids).hasSize(2).allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(new HashSet<>(ids)).hasSize(2);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aRenameIsAChangeOfNameWithBeforeAndAfterByWhoeverWroteIt() {
        JsonNode created = create(1, "{\"name\":\"Before\",\"description\":\"per day\"}");
        patch(api().withKey(ADA), created, "{\"name\":\"After\"}");

        JsonNode log = activityOf(created);
        assertThat(activities(log)).containsExactly("updated", "created");
        JsonNode rename = log.get("results").get(0);
        assertThat(rename.get("detail").get("changes")).isEqualTo(changed("name", "\"Before\"", "\"After\""));
        assertThat(rename.get("detail").get("name").asText()).isEqualTo("After");
        assertThat(rename.get("user")).as("the version's writer, not the creator")
                .isEqualTo(Api.json("{\"first_name\":\"Ada\",\"email\":\"ada@example.com\"}"));
        assertThat(log.get("results").get(1).get("user")).isEqualTo(Api.json(BOOTSTRAP));
        assertThat(log.get("results").get(1).get("detail").get("name").asText()).as("the name of that version").isEqualTo("Before");
    }

    @Test
    void eachChangedFieldIsOneChangeWithItsValuesAsJson() {
        JsonNode created = create(1, "{\"name\":\"Many\",\"description\":\"d\",\"tags\":[\"z\"]}");
        patch(api(), created, "{\"description\":null,\"query\":" + InsightsCrudTest.TRENDS
                + ",\"tags\":[\"b\",\"A\",\"z\"],\"derived_name\":\"Derived\"}");

        JsonNode changes = activityOf(created).get("results").get(0).get("detail").get("changes");
        assertThat(changes).isEqualTo(Api.json("["
                + "{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"derived_name\",\"before\":null,\"after\":\"Derived\"},"
                + "{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"description\",\"before\":\"d\",\"after\":null},"
                + "{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"query\",\"before\":null,\"after\":" + InsightsCrudTest.TRENDS + "},"
                + "{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"tags\",\"before\":[\"z\"],\"after\":[\"a\",\"b\",\"z\"]}]"));
        assertThat(changes.get(2).get("after").isObject()).as("the query is the object, not its text").isTrue();
    }

    @Test
    void favoritingAndUnfavoritingAreTwoChangesOfFavorited() {
        JsonNode created = create(1, "{\"name\":\"Liked\"}");
        patch(api(), created, "{\"favorited\":true}");
        patch(api(), created, "{\"favorited\":false}");

        JsonNode log = activityOf(created);
        assertThat(activities(log)).containsExactly("updated", "updated", "created");
        assertThat(log.get("results").get(0).get("detail").get("changes")).isEqualTo(changed("favorited", "true", "false"));
        assertThat(log.get("results").get(1).get("detail").get("changes")).isEqualTo(changed("favorited", "false", "true"));
    }

    @Test
    void anUpdateThatChangesNoFollowedFieldIsStoredButNotLogged() {
        JsonNode created = create(1, "{\"name\":\"Same\",\"tags\":[\"t\"]}");
        patch(api(), created, "{\"name\":\"Same\"}");
        patch(api(), created, "{\"order\":3,\"_create_in_folder\":\"Unfiled/Insights\",\"tags\":[\"T \"]}");
        JsonNode last = patch(api(), created, "{}");

        assertThat(scalar("SELECT count() FROM insights WHERE id = " + created.get("id").asText())).as("each write is a version").isEqualTo("4");
        assertThat(last.get("updated_at").asText()).isNotEqualTo(created.get("updated_at").asText());
        JsonNode log = activityOf(created);
        assertThat(activities(log)).containsExactly("created");
        assertThat(log.get("total_count").asLong()).isEqualTo(1);
    }

    @Test
    void anInsightWithNeitherNameNorDerivedNameIsNotLoggedUntilItHasOne() {
        JsonNode created = create(1, "{\"description\":\"nameless\"}");
        patch(api(), created, "{\"favorited\":true}");
        patch(api(), created, "{\"deleted\":true}");
        patch(api(), created, "{\"deleted\":false}");

        assertThat(activityOf(created)).isEqualTo(Api.json("{\"results\":[],\"next\":null,\"previous\":null,\"total_count\":0}"));
        JsonNode all = activity(INSIGHTS + "activity/?limit=100");
        all.get("results").forEach(entry -> assertThat(entry.get("item_id").asText()).isNotEqualTo(created.get("id").asText()));

        patch(api(), created, "{\"derived_name\":\"Rage clicks per day\"}");
        JsonNode log = activityOf(created);
        assertThat(activities(log)).containsExactly("updated");
        assertThat(log.get("results").get(0).get("detail").get("changes")).isEqualTo(changed("derived_name", "null", "\"Rage clicks per day\""));
        assertThat(log.get("results").get(0).get("detail").get("name").asText()).isEqualTo("Rage clicks per day");
    }

    @Test
    void theEnvironmentsLogIsPagedByPageAndLimitNewestFirstAcrossInsights() {
        JsonNode a = create(3, "{\"name\":\"A0\"}");
        String oneA = "/api/environments/3/insights/" + a.get("id").asText() + "/";
        api().send("PATCH", oneA, "{\"name\":\"A1\"}");
        JsonNode b = create(3, "{\"name\":\"B0\"}");
        api().send("PATCH", oneA, "{\"name\":\"A2\"}");
        api().send("PATCH", "/api/environments/3/insights/" + b.get("id").asText() + "/", "{\"name\":\"B1\"}");
        String all = "/api/environments/3/insights/activity/";

        assertThat(names(activity(all))).containsExactly("B1", "A2", "B0", "A1", "A0");
        assertThat(activities(activity(all))).containsExactly("updated", "updated", "created", "updated", "created");

        JsonNode first = activity(all + "?limit=2&q=a%20b");
        assertThat(names(first)).containsExactly("B1", "A2");
        assertThat(first.get("total_count").asLong()).isEqualTo(5);
        assertThat(first.get("next").asText()).isEqualTo(base() + all + "?limit=2&q=a%20b&page=2");
        assertThat(first.get("previous").isNull()).isTrue();

        JsonNode second = activity(first.get("next").asText().substring(base().length()));
        assertThat(names(second)).containsExactly("B0", "A1");
        assertThat(second.get("next").asText()).isEqualTo(base() + all + "?limit=2&q=a%20b&page=3");
        assertThat(second.get("previous").asText()).isEqualTo(base() + all + "?limit=2&q=a%20b&page=1");

        JsonNode third = activity(second.get("next").asText().substring(base().length()));
        assertThat(names(third)).containsExactly("A0");
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(third.get("previous").asText()).isEqualTo(base() + all + "?limit=2&q=a%20b&page=2");

        JsonNode beyond = activity(all + "?page=7&limit=2");
        assertThat(beyond.get("results")).isEmpty();
        assertThat(beyond.get("total_count").asLong()).isEqualTo(5);
        assertThat(beyond.get("previous").asText()).isEqualTo(base() + all + "?page=6&limit=2");

        JsonNode ofA = activity("/api/projects/3/insights/" + a.get("short_id").asText() + "/activity?limit=1&page=2");
        assertThat(names(ofA)).containsExactly("A1");
        assertThat(ofA.get("total_count").asLong()).isEqualTo(3);
        String ofAPath = "/api/projects/3/insights/" + a.get("short_id").asText() + "/activity";
        assertThat(ofA.get("next").asText()).isEqualTo(base() + ofAPath + "?limit=1&page=3");
        assertThat(activity("/api/projects/3/insights/activity").get("results")).isEqualTo(activity(all).get("results"));
    }

    @Test
    void aLimitAboveOneHundredIsLoweredToOneHundred() {
        for (int i = 0; i < 101; i++) {
            create(4, "{\"name\":\"Busy " + i + "\"}");
        }
        String all = "/api/environments/4/insights/activity/";

        assertThat(activity(all).get("results")).as("ten by default").hasSize(10);
        JsonNode first = activity(all + "?limit=1000");
        assertThat(first.get("results")).hasSize(100);
        assertThat(first.get("total_count").asLong()).isEqualTo(101);
        assertThat(first.get("next").asText()).isEqualTo(base() + all + "?limit=1000&page=2");
        assertThat(names(activity(all + "?limit=1000&page=2"))).containsExactly("Busy 0");
        assertThat(activity(all + "?limit=99999999999999999999999").get("results")).hasSize(100);
    }

    @Test
    void limitAndPageThatAreNotPositiveIntegersAreRefusedNamingThem() {
        JsonNode created = create(1, "{\"name\":\"Parameters\"}");
        for (String path : new String[] {INSIGHTS + "activity/", INSIGHTS + created.get("id").asText() + "/activity/"}) {
            for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=-1", "limit"}, {"limit=abc", "limit"}, {"limit=1.5", "limit"},
                    {"limit=", "limit"}, {"page=0", "page"}, {"page=-2", "page"}, {"page=two", "page"}, {"page=1.5", "page"}, {"page=", "page"},
                    {"page=1000000001", "page"}}) {
                Api.Reply refused = api().get(path + "?" + bad[0]);
                assertThat(refused.status()).as(path + "?" + bad[0]).isEqualTo(400);
                assertThat(refused.json().get("type").asText()).isEqualTo("validation_error");
                assertThat(refused.json().get("attr").asText()).as(path + "?" + bad[0]).isEqualTo(bad[1]);
            }
            assertThat(api().get(path + "?page=1&limit=1").status()).isEqualTo(200);
        }
        assertThat(api().get(INSIGHTS + "987654321/activity/?page=0").status()).as("the insight comes first").isEqualTo(404);
    }

    @Test
    void anotherEnvironmentsInsightIsNotFoundAndNotInTheLog() {
        JsonNode elsewhere = create(2, "{\"name\":\"On the blog\"}");
        String id = elsewhere.get("id").asText();

        for (String ref : new String[] {id, elsewhere.get("short_id").asText()}) {
            Api.Reply reply = api().get(INSIGHTS + ref + "/activity/");
            assertThat(reply.status()).as(ref).isEqualTo(404);
            assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
        }
        JsonNode all = activity(INSIGHTS + "activity/?limit=100");
        assertThat(all.get("total_count").asLong()).as("the page below is the whole log").isLessThanOrEqualTo(100);
        all.get("results").forEach(entry -> assertThat(entry.get("item_id").asText()).isNotEqualTo(id));
        assertThat(activity("/api/environments/2/insights/activity/").get("results").get(0).get("item_id").asText()).isEqualTo(id);
        assertThat(api().get(INSIGHTS + "987654321/activity/").status()).isEqualTo(404);
        assertThat(api().get(INSIGHTS + "no-such/activity/").status()).isEqualTo(404);
    }

    @Test
    void theLogNeedsTheActivityLogScopeAndTheEnvironment() {
        JsonNode created = create(1, "{\"name\":\"Guarded\"}");
        String one = INSIGHTS + created.get("id").asText() + "/activity/";
        String denied = "{\"type\":\"authentication_error\",\"code\":\"permission_denied\",\"detail\":\"This API key lacks the scope "
                + "activity_log:read.\",\"attr\":null}";

        for (String path : new String[] {one, INSIGHTS + "activity/", "/api/projects/1/insights/activity"}) {
            Api.Reply reply = api().withKey(WITHOUT_LOG).get(path);
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.json()).isEqualTo(Api.json(denied));
            assertThat(api().withKey(null).get(path).status()).isEqualTo(401);
            assertThat(api().withKey(ADA).get(path).status()).isEqualTo(200);
        }
        assertThat(api().withKey(WITHOUT_LOG).get(INSIGHTS + created.get("id").asText() + "/").status()).as("the key itself works").isEqualTo(200);
        assertThat(api().withKey(ADA).get("/api/environments/2/insights/activity/").status()).isEqualTo(403);
        assertThat(api().withKey(WITHOUT_LOG).get(INSIGHTS + "987654321/activity/").status()).as("the scope before the insight").isEqualTo(403);
    }

    @Test
    void asCsvTheLogIsOneRowPerEntryNamingTheChangedFields() {
        JsonNode created = create(1, "{\"name\":\"Exported, quoted\"}");
        patch(api().withKey(ADA), created, "{\"description\":\"d\",\"tags\":[\"x\"]}");
        JsonNode log = activityOf(created);

        Api.Reply csv = api().get(INSIGHTS + created.get("id").asText() + "/activity/?format=csv");

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        JsonNode update = log.get("results").get(0);
        JsonNode creation = log.get("results").get(1);
        String id = created.get("id").asText();
        String shortId = created.get("short_id").asText();
        assertThat(csv.body()).isEqualTo("id,created_at,activity,item_id,name,short_id,user_email,changed_fields\r\n"
                + update.get("id").asText() + "," + update.get("created_at").asText() + ",updated," + id + ",\"Exported, quoted\"," + shortId
                + ",ada@example.com,\"description,tags\"\r\n"
                + creation.get("id").asText() + "," + creation.get("created_at").asText() + ",created," + id + ",\"Exported, quoted\"," + shortId
                + ",bootstrap@clickmap.local,\r\n");
        assertThat(api().get(INSIGHTS + "activity/?format=csv").body()).startsWith("id,created_at,activity,");
        assertThat(api().get(INSIGHTS + "activity/?format=xml").status()).as("another format is not found, as in DRF").isEqualTo(404);
    }
}
