package io.clickmap.api.sharing;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sharing changes in the insights' activity log, on the real ClickHouse, as PostHog logs them: merged with the entries of
 * the insights' versions newest first and paged with them, by whoever made the change, never with a token or a hash.
 */
@MicronautTest
class SharingActivityTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    /** Ada's key: insights, their sharing and their log, environment 1 only. */
    private static final String ADA = "phx_ada_shares_insights_abcdef";
    private static final String ADA_JSON = "{\"first_name\":\"Ada\",\"email\":\"ada@example.com\"}";
    private static final String BOOTSTRAP = "{\"first_name\":\"Bootstrap\",\"email\":\"bootstrap@clickmap.local\"}";

    @Inject
    ApiKeyStore keys;
    @Inject
    UserStore users;
    @Inject
    EnvironmentStore environments;

    /** Every token and password the service answered with, none of which a log may hold. */
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void createEnvironmentsAndAda() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        environments.save(new Environment(3, "Paged", "phc_paged", Instant.now()));
        User ada = new User(UserIds.random(), UUID.randomUUID().toString(), "ada@example.com", "Ada", "Lovelace", Instant.now());
        users.save(ada);
        keys.save(new ApiKey("ada", "ada", ada.id(), List.of(Scopes.INSIGHT_READ, Scopes.INSIGHT_WRITE, Scopes.ACTIVITY_LOG_READ,
                Scopes.SHARING_CONFIGURATION_READ, Scopes.SHARING_CONFIGURATION_WRITE), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(ADA));
    }

    private JsonNode create(long environment, String name) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String sharing(long environment, JsonNode insight) {
        return "/api/environments/" + environment + "/insights/" + insight.get("id").asText() + "/sharing/";
    }

    private JsonNode send(Api as, String method, String path, String body, int status) {
        Api.Reply reply = body == null ? as.send(method, path) : as.send(method, path, body);
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(status);
        if (reply.body().isEmpty()) {
            return null;
        }
        JsonNode json = reply.json();
        for (String secret : new String[] {"access_token", "password"}) {
            if (json.hasNonNull(secret)) {
                secrets.add(json.get(secret).asText());
            }
        }
        return json;
    }

    private Api.Reply read(String path) {
        Api.Reply reply = api().get(path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        assertThat(secrets).allSatisfy(secret -> assertThat(reply.body()).as("no token or password in " + path).doesNotContain(secret));
        assertThat(reply.body()).as("no bcrypt hash").doesNotContain("$2a$");
        return reply;
    }

    private JsonNode activityOf(long environment, JsonNode insight) {
        return read("/api/environments/" + environment + "/insights/" + insight.get("id").asText() + "/activity/").json();
    }

    private static List<String> activities(JsonNode page) {
        List<String> activities = new ArrayList<>();
        page.get("results").forEach(entry -> activities.add(entry.get("activity").asText()));
        return activities;
    }

    @Test
    void enablingDisablingARefreshAndPasswordsAreLoggedNewestFirstByWhoeverMadeThem() {
        JsonNode insight = create(1, "Shared widely");
        String sharing = sharing(1, insight);
        send(api().withKey(ADA), "PATCH", sharing, "{\"enabled\":true}", 200);
        send(api(), "PATCH", sharing, "{\"enabled\":false}", 200);
        send(api().withKey(ADA), "POST", sharing + "refresh/", null, 200);
        send(api().withKey(ADA), "PATCH", sharing, "{\"password_required\":true,\"settings\":{\"legend\":true}}", 200);
        JsonNode password = send(api().withKey(ADA), "POST", sharing + "passwords/", "{\"raw_password\":\"correct horse\",\"note\":\"board\"}", 201);
        send(api(), "DELETE", sharing + "passwords/" + password.get("id").asText() + "/", null, 204);

        JsonNode log = activityOf(1, insight);
        assertThat(activities(log)).containsExactly("share password deleted", "share password created", "sharing disabled",
                "access token refreshed", "sharing disabled", "sharing enabled", "created");
        assertThat(log.get("total_count").asLong()).isEqualTo(7);
        List<JsonNode> users = new ArrayList<>();
        log.get("results").forEach(entry -> users.add(entry.get("user")));
        assertThat(users).containsExactly(Api.json(BOOTSTRAP), Api.json(ADA_JSON), Api.json(ADA_JSON), Api.json(ADA_JSON), Api.json(BOOTSTRAP),
                Api.json(ADA_JSON), Api.json(BOOTSTRAP));

        String passwordRef = "{\"id\":" + password.get("id").asText() + ",\"note\":\"board\"}";
        String[] changes = {
            "[{\"type\":\"Insight\",\"action\":\"deleted\",\"field\":\"share_password\",\"before\":" + passwordRef + ",\"after\":null}]",
            "[{\"type\":\"Insight\",\"action\":\"created\",\"field\":\"share_password\",\"before\":null,\"after\":" + passwordRef + "}]",
            "[{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"sharing\",\"before\":null,\"after\":false},"
                    + "{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"password_required\",\"before\":false,\"after\":true},"
                    + "{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"settings\",\"before\":null,\"after\":{\"legend\":true}}]",
            "null",
            "[{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"sharing\",\"before\":null,\"after\":false}]",
            "[{\"type\":\"Insight\",\"action\":\"changed\",\"field\":\"sharing\",\"before\":null,\"after\":true}]"};
        for (int i = 0; i < changes.length; i++) {
            JsonNode entry = log.get("results").get(i);
            assertThat(entry.get("detail").get("changes")).as(entry.get("activity").asText()).isEqualTo(Api.json(changes[i]));
            assertThat(entry.get("scope").asText()).isEqualTo("Insight");
            assertThat(entry.get("item_id").asText()).isEqualTo(insight.get("id").asText());
            assertThat(entry.get("detail").get("name").asText()).isEqualTo("Shared widely");
            assertThat(entry.get("detail").get("short_id").asText()).isEqualTo(insight.get("short_id").asText());
            assertThat(entry.get("detail").get("trigger").isNull() && entry.get("detail").get("type").isNull()).isTrue();
            assertThat(entry.get("created_at").asText()).endsWith("Z");
        }
        assertThat(read(INSIGHTS + "activity/?limit=100").body()).contains(log.get("results").get(0).get("id").asText());
        assertThat(read("/api/projects/1/insights/" + insight.get("short_id").asText() + "/activity").json()).isEqualTo(log);
    }

    @Test
    void entryIdsAreUuidsThatStayTheSameFromReadToRead() {
        JsonNode insight = create(1, "Stable");
        send(api(), "PATCH", sharing(1, insight), "{\"enabled\":true}", 200);
        send(api(), "POST", sharing(1, insight) + "refresh/", null, 200);

        JsonNode first = activityOf(1, insight);
        List<String> ids = new ArrayList<>();
        first.get("results").forEach(entry -> ids.add(entry.get("id").asText()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(activityOf(1, insight)).isEqualTo(first);
    }

    @Test
    void aDeletedInsightsLogStillShowsItsSharing() {
        JsonNode insight = create(1, "Shared, then deleted");
        send(api(), "PATCH", sharing(1, insight), "{\"enabled\":true}", 200);
        send(api(), "PATCH", INSIGHTS + insight.get("id").asText() + "/", "{\"deleted\":true}", 200);

        assertThat(activities(activityOf(1, insight))).containsExactly("deleted", "sharing enabled", "created");
        List<String> inEnvironment = new ArrayList<>();
        read(INSIGHTS + "activity/?limit=100").json().get("results").forEach(entry -> {
            if (entry.get("item_id").asText().equals(insight.get("id").asText())) {
                inEnvironment.add(entry.get("activity").asText());
            }
        });
        assertThat(inEnvironment).containsExactly("deleted", "sharing enabled", "created");
    }

    @Test
    void anotherEnvironmentsSharingIsNotInTheLog() {
        JsonNode elsewhere = create(2, "Shared on the blog");
        send(api(), "PATCH", sharing(2, elsewhere), "{\"enabled\":true}", 200);
        String id = elsewhere.get("id").asText();

        JsonNode all = read(INSIGHTS + "activity/?limit=100").json();
        assertThat(all.get("total_count").asLong()).as("the page below is the whole log").isLessThanOrEqualTo(100);
        all.get("results").forEach(entry -> assertThat(entry.get("item_id").asText()).isNotEqualTo(id));
        assertThat(api().get(INSIGHTS + id + "/activity/").status()).isEqualTo(404);
        assertThat(activities(read("/api/environments/2/insights/activity/").json())).startsWith("sharing enabled", "created");
    }

    @Test
    void theEnvironmentsLogPagesSharingAndVersionsTogetherEachNamedAsTheInsightWasThen() {
        JsonNode a = create(3, "A0");
        send(api(), "PATCH", sharing(3, a), "{\"enabled\":true}", 200);
        send(api(), "PATCH", "/api/environments/3/insights/" + a.get("id").asText() + "/", "{\"name\":\"A1\"}", 200);
        JsonNode b = create(3, "B0");
        send(api(), "POST", sharing(3, a) + "refresh/", null, 200);
        String all = "/api/environments/3/insights/activity/";

        JsonNode first = read(all + "?limit=3").json();
        assertThat(activities(first)).containsExactly("access token refreshed", "created", "updated");
        assertThat(first.get("total_count").asLong()).isEqualTo(5);
        assertThat(first.get("results").get(0).get("detail").get("name").asText()).isEqualTo("A1");
        assertThat(first.get("results").get(1).get("item_id").asText()).isEqualTo(b.get("id").asText());
        assertThat(first.get("next").asText()).endsWith(all + "?limit=3&page=2");

        JsonNode second = read(all + "?limit=3&page=2").json();
        assertThat(activities(second)).containsExactly("sharing enabled", "created");
        assertThat(second.get("results").get(0).get("detail").get("name").asText()).as("the name when it was shared").isEqualTo("A0");
        assertThat(second.get("next").isNull()).isTrue();

        JsonNode ofA = read("/api/environments/3/insights/" + a.get("id").asText() + "/activity/?limit=2&page=2").json();
        assertThat(activities(ofA)).containsExactly("sharing enabled", "created");
        assertThat(ofA.get("total_count").asLong()).isEqualTo(4);
    }

    @Test
    void asCsvTheSharingEntriesAreRowsNamingTheirChangedFields() {
        JsonNode insight = create(1, "Exported share");
        send(api().withKey(ADA), "PATCH", sharing(1, insight), "{\"enabled\":true,\"password_required\":true}", 200);
        send(api(), "POST", sharing(1, insight) + "refresh/", null, 200);
        JsonNode log = activityOf(1, insight);

        String csv = read(INSIGHTS + insight.get("id").asText() + "/activity/?format=csv").body();

        String id = insight.get("id").asText();
        String shortId = insight.get("short_id").asText();
        JsonNode[] entries = {log.get("results").get(0), log.get("results").get(1), log.get("results").get(2)};
        assertThat(csv).isEqualTo("id,created_at,activity,item_id,name,short_id,user_email,changed_fields\r\n"
                + entries[0].get("id").asText() + "," + entries[0].get("created_at").asText() + ",access token refreshed," + id
                + ",Exported share," + shortId + ",bootstrap@clickmap.local,\r\n"
                + entries[1].get("id").asText() + "," + entries[1].get("created_at").asText() + ",sharing enabled," + id
                + ",Exported share," + shortId + ",ada@example.com,\"sharing,password_required\"\r\n"
                + entries[2].get("id").asText() + "," + entries[2].get("created_at").asText() + ",created," + id
                + ",Exported share," + shortId + ",bootstrap@clickmap.local,\r\n");
    }
}
