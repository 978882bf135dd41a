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
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST …/insights/bulk_update_tags/} on the real ClickHouse, as docs/insights-api.md says. */
@MicronautTest
class BulkUpdateTagsTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String BULK = INSIGHTS + "bulk_update_tags/";
    private static final String GRACE = "phx_grace_tags_insights_abcdef";
    private static final String LOG_READER = "phx_reads_only_the_activity_log_abcdef";

    @Inject
    ApiKeyStore keys;
    @Inject
    UserStore users;
    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void createEnvironmentUsersAndKeys() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        User grace = new User(UserIds.random(), UUID.randomUUID().toString(), "grace@example.com", "Grace", "Hopper", Instant.now());
        users.save(grace);
        keys.save(new ApiKey("grace", "grace", grace.id(), List.of(Scopes.INSIGHT_WRITE), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(GRACE));
        keys.save(new ApiKey("log-reader", "log-reader", UserIds.BOOTSTRAP, List.of(Scopes.ACTIVITY_LOG_READ, Scopes.INSIGHT_READ), true,
                List.of(), Instant.now(), false), ApiKeySecrets.hash(LOG_READER));
    }

    private long create(long environment, String body) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private JsonNode bulk(String body) {
        Api.Reply reply = api().send("POST", BULK, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode tagsOf(long id) {
        return api().get(INSIGHTS + id + "/").json().get("tags");
    }

    private String versions(long id) {
        return scalar("SELECT count() FROM insights WHERE id = " + id);
    }

    private static String ids(long... ids) {
        return "[" + java.util.Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(",")) + "]";
    }

    @Test
    void addNormalisesTheTagsAndAddsThemToEachInsight() {
        long tagged = create(1, "{\"name\":\"Tagged\",\"tags\":[\"a\"]}");
        long bare = create(1, "{\"name\":\"Bare\"}");

        JsonNode result = bulk("{\"ids\":" + ids(tagged, bare) + ",\"action\":\"add\",\"tags\":[\" B \",\"b\",\"A\",\"\"]}");

        assertThat(result).isEqualTo(Api.json("{\"updated\":[{\"id\":" + tagged + ",\"tags\":[\"a\",\"b\"]},{\"id\":" + bare
                + ",\"tags\":[\"a\",\"b\"]}],\"skipped\":[]}"));
        assertThat(tagsOf(tagged)).isEqualTo(Api.json("[\"a\",\"b\"]"));
        assertThat(tagsOf(bare)).isEqualTo(Api.json("[\"a\",\"b\"]"));
        assertThat(versions(tagged)).isEqualTo("2");
    }

    @Test
    void removeTakesOnlyTheTagsSentAway() {
        long id = create(1, "{\"name\":\"Three tags\",\"tags\":[\"a\",\"b\",\"c\"]}");

        JsonNode result = bulk("{\"ids\":[" + id + "],\"action\":\"remove\",\"tags\":[\"A\",\"c\",\"not-there\"]}");

        assertThat(result.get("updated")).isEqualTo(Api.json("[{\"id\":" + id + ",\"tags\":[\"b\"]}]"));
        assertThat(tagsOf(id)).isEqualTo(Api.json("[\"b\"]"));
    }

    @Test
    void setReplacesTheTagsAndSetWithNoneClearsThem() {
        long one = create(1, "{\"name\":\"One\",\"tags\":[\"old\"]}");
        long two = create(1, "{\"name\":\"Two\"}");

        bulk("{\"ids\":" + ids(one, two) + ",\"action\":\"set\",\"tags\":[\"New\",\"other\"]}");
        assertThat(tagsOf(one)).isEqualTo(Api.json("[\"new\",\"other\"]"));
        assertThat(tagsOf(two)).isEqualTo(Api.json("[\"new\",\"other\"]"));

        JsonNode cleared = bulk("{\"ids\":" + ids(one, two) + ",\"action\":\"set\",\"tags\":[]}");
        assertThat(cleared.get("updated")).isEqualTo(Api.json("[{\"id\":" + one + ",\"tags\":[]},{\"id\":" + two + ",\"tags\":[]}]"));
        assertThat(tagsOf(one)).isEqualTo(Api.json("[]"));
        assertThat(tagsOf(two)).isEqualTo(Api.json("[]"));
    }

    @Test
    void anInsightWhoseTagsWouldNotChangeIsListedButNotWritten() {
        long id = create(1, "{\"name\":\"Already\",\"tags\":[\"a\",\"b\"]}");

        for (String body : new String[] {"{\"action\":\"add\",\"tags\":[\"B\"]", "{\"action\":\"remove\",\"tags\":[\"z\"]",
                "{\"action\":\"set\",\"tags\":[\"b\",\"a\"]"}) {
            JsonNode result = bulk(body + ",\"ids\":[" + id + "]}");
            assertThat(result.get("updated")).as(body).isEqualTo(Api.json("[{\"id\":" + id + ",\"tags\":[\"a\",\"b\"]}]"));
        }
        assertThat(versions(id)).isEqualTo("1");
    }

    @Test
    void unknownDeletedAndOtherEnvironmentsIdsAreSkippedInTheOrderSent() {
        long kept = create(1, "{\"name\":\"Kept\"}");
        long deleted = create(1, "{\"name\":\"Deleted\"}");
        api().send("PATCH", INSIGHTS + deleted + "/", "{\"deleted\":true}");
        long elsewhere = create(2, "{\"name\":\"Elsewhere\"}");

        JsonNode result = bulk("{\"ids\":" + ids(987654321, deleted, kept, elsewhere, kept) + ",\"action\":\"add\",\"tags\":[\"x\"]}");

        String reason = ",\"reason\":\"Not found or no edit access\"}";
        assertThat(result).isEqualTo(Api.json("{\"updated\":[{\"id\":" + kept + ",\"tags\":[\"x\"]}],\"skipped\":[{\"id\":987654321" + reason
                + ",{\"id\":" + deleted + reason + ",{\"id\":" + elsewhere + reason + "]}"));
        assertThat(versions(kept)).as("a repeated id is acted on once").isEqualTo("2");
        assertThat(versions(deleted)).isEqualTo("2");
        assertThat(versions(elsewhere)).isEqualTo("1");
        assertThat(api().get("/api/environments/2/insights/" + elsewhere + "/").json().get("tags")).isEqualTo(Api.json("[]"));
    }

    @Test
    void aBulkChangeIsAnUpdatedEntryInEachInsightsActivityByTheKeysUser() {
        long id = create(1, "{\"name\":\"Logged\",\"tags\":[\"a\"]}");

        Api.Reply reply = api().withKey(GRACE).send("POST", "/api/projects/1/insights/bulk_update_tags", "{\"ids\":[" + id
                + "],\"action\":\"add\",\"tags\":[\"b\"]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        JsonNode log = api().get(INSIGHTS + id + "/activity/").json();
        assertThat(log.get("total_count").asLong()).isEqualTo(2);
        JsonNode entry = log.get("results").get(0);
        assertThat(entry.get("activity").asText()).isEqualTo("updated");
        assertThat(entry.get("user")).isEqualTo(Api.json("{\"first_name\":\"Grace\",\"email\":\"grace@example.com\"}"));
        assertThat(entry.get("detail").get("changes")).isEqualTo(Api.json(
                "[{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"tags\",\"before\":[\"a\"],\"after\":[\"a\",\"b\"]}]"));
    }

    @Test
    void eachBrokenRuleIsA400NamingTheFieldAndNothingIsWritten() {
        long id = create(1, "{\"name\":\"Untouched\",\"tags\":[\"keep\"]}");
        String ok = "[" + id + "]";
        String tooManyIds = ids(IntStream.rangeClosed(1, 501).asLongStream().toArray());
        String tooManyTags = IntStream.rangeClosed(1, 101).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        for (String[] bad : new String[][] {
                {"[1]", null}, {"\"ids\"", null}, {"", "ids"}, {"{}", "ids"},
                {"{\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":[],\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":null,\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":" + id + ",\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":[\"" + id + "\"],\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":[1.5],\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":[null],\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":[99999999999999999999],\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":" + tooManyIds + ",\"action\":\"add\",\"tags\":[\"a\"]}", "ids"},
                {"{\"ids\":" + ok + ",\"tags\":[\"a\"]}", "action"},
                {"{\"ids\":" + ok + ",\"action\":\"ADD\",\"tags\":[\"a\"]}", "action"},
                {"{\"ids\":" + ok + ",\"action\":\"append\",\"tags\":[\"a\"]}", "action"},
                {"{\"ids\":" + ok + ",\"action\":1,\"tags\":[\"a\"]}", "action"},
                {"{\"ids\":" + ok + ",\"action\":\"set\"}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"set\",\"tags\":null}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"add\",\"tags\":\"a\"}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"add\",\"tags\":[1]}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"add\",\"tags\":[null]}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"add\",\"tags\":" + tooManyTags + "}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"add\",\"tags\":[\"" + "t".repeat(256) + "\"]}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"add\",\"tags\":[]}", "tags"},
                {"{\"ids\":" + ok + ",\"action\":\"remove\",\"tags\":[\" \",\"\"]}", "tags"}}) {
            Api.Reply refused = api().send("POST", BULK, bad[0]);
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("validation_error");
            assertThat(refused.json().get("attr").isNull() ? null : refused.json().get("attr").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api().send("POST", BULK, "{\"ids\":").status()).isEqualTo(400);
        assertThat(versions(id)).isEqualTo("1");
        assertThat(tagsOf(id)).isEqualTo(Api.json("[\"keep\"]"));
    }

    @Test
    void atMostTenThousandTagChangesAreMadeAtOnceCountingDistinctIdsAndTags() {
        String fiveHundredIds = ids(IntStream.rangeClosed(1, 500).mapToLong(i -> 900_000_000L + i).toArray());
        String twentyTags = IntStream.rangeClosed(1, 20).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));

        JsonNode atTheLimit = bulk("{\"ids\":" + fiveHundredIds + ",\"action\":\"add\",\"tags\":[" + twentyTags + "]}");
        assertThat(atTheLimit.get("skipped")).hasSize(500);
        assertThat(atTheLimit.get("updated")).isEmpty();

        Api.Reply beyond = api().send("POST", BULK, "{\"ids\":" + fiveHundredIds + ",\"action\":\"add\",\"tags\":[" + twentyTags + ",\"t21\"]}");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().get("attr").asText()).isEqualTo("ids");
        assertThat(beyond.json().get("detail").asText()).contains("10000");

        String sameIdFiveHundredTimes = String.join(",", Collections.nCopies(500, "900000001"));
        String hundredTagsTwice = IntStream.rangeClosed(1, 100).mapToObj(i -> "\"T" + (i % 50) + "\"").collect(Collectors.joining(","));
        assertThat(bulk("{\"ids\":[" + sameIdFiveHundredTimes + "],\"action\":\"add\",\"tags\":[" + hundredTagsTwice + "]}").get("skipped"))
                .hasSize(1);
    }

    @Test
    void bulkTaggingNeedsTheInsightWriteScope() {
        long id = create(1, "{\"name\":\"Guarded\"}");
        String body = "{\"ids\":[" + id + "],\"action\":\"add\",\"tags\":[\"x\"]}";

        Api.Reply denied = api().withKey(LOG_READER).send("POST", BULK, body);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText()).isEqualTo("This API key lacks the scope insight:write.");
        assertThat(api().withKey(null).send("POST", BULK, body).status()).isEqualTo(401);
        assertThat(api().withKey(GRACE).send("POST", "/api/environments/2/insights/bulk_update_tags/", body).status()).isEqualTo(403);
        assertThat(api().withKey(LOG_READER).send("POST", BULK, "[1]").status()).as("the key before the body").isEqualTo(403);
        assertThat(versions(id)).isEqualTo("1");
    }

    @Test
    void aListReadBeforeTheBulkWriteSeesItsTagsAfterIt() {
        long id = create(1, "{\"name\":\"Listed before\"}");
        assertThat(api().get(INSIGHTS + "?tags=%5B%22fresh%22%5D").json().get("count").asLong()).isZero();

        bulk("{\"ids\":[" + id + "],\"action\":\"add\",\"tags\":[\"fresh\"]}");

        JsonNode listed = api().get(INSIGHTS + "?tags=%5B%22fresh%22%5D").json();
        assertThat(listed.get("count").asLong()).isEqualTo(1);
        assertThat(listed.get("results").get(0).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void theAnswerAsCsvIsOneRowPerIdUpdatedThenSkipped() {
        long id = create(1, "{\"name\":\"As CSV\"}");

        Api.Reply reply = api().send("POST", BULK + "?format=csv", "{\"ids\":[" + id + ",987654321],\"action\":\"add\",\"tags\":[\"b\",\"a\"]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(reply.body()).isEqualTo("id,outcome,tags,reason\r\n" + id + ",updated,\"a,b\",\r\n987654321,skipped,,Not found or no edit access\r\n");
        assertThat(tagsOf(id)).isEqualTo(Api.json("[\"a\",\"b\"]"));
    }

    @Test
    void otherMethodsOnTheActionsAnswer405AfterTheKey() {
        for (String[] call : new String[][] {{"GET", BULK}, {"PATCH", BULK}, {"PUT", BULK}, {"DELETE", BULK}, {"PATCH", INSIGHTS + "activity/"},
                {"PUT", "/api/projects/1/insights/activity"}, {"DELETE", INSIGHTS + "activity/"}}) {
            Api.Reply reply = call[0].equals("GET") || call[0].equals("DELETE") ? api().send(call[0], call[1]) : api().send(call[0], call[1], "{}");
            assertThat(reply.status()).as("%s %s: %s", call[0], call[1], reply.body()).isEqualTo(405);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"invalid_request\",\"code\":\"method_not_allowed\",\"detail\":\"Method \\\"" + call[0]
                    + "\\\" not allowed.\",\"attr\":null}"));
            assertThat(api().withKey(null).send(call[0], call[1]).status()).as("%s %s without a key", call[0], call[1]).isEqualTo(401);
        }
    }
}
