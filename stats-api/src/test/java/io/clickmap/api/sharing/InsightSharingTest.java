package io.clickmap.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.SettableClock;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sharing an insight through the API, on the real ClickHouse, as PostHog's sharing tests have it: the configuration
 * and who may change it, what a sharing access token reads (one insight, never a write), a refreshed token's grace
 * period (the service's clock is moved, not waited for), and passwords stored only as bcrypt hashes.
 */
@MicronautTest
class InsightSharingTest extends ServiceTest {
    private static final String ENVIRONMENT = "/api/environments/1/insights/";
    private static final String PROJECT = "/api/projects/1/insights/";
    private static final String SHARING_READER = "phx_sharing_reader_only_abcdef";
    private static final String INSIGHT_READER = "phx_insight_reader_no_sharing_x";
    private static final String INVALID = "{\"type\":\"authentication_error\",\"code\":\"authentication_failed\","
            + "\"detail\":\"Sharing access token is invalid.\",\"attr\":null}";
    private static final String READ_ONLY = "{\"type\":\"authentication_error\",\"code\":\"authentication_failed\","
            + "\"detail\":\"Sharing access token can only be used for GET requests.\",\"attr\":null}";

    private final SettableClock clock = new SettableClock();

    @Inject
    ApiKeyStore keys;

    @Inject
    EnvironmentStore environments;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.sharing-token-grace", "2m");
    }

    @BeforeAll
    void createKeysAndASecondEnvironment() {
        keys.save(new ApiKey("sharing-reader", "sharing reader", UserIds.BOOTSTRAP, List.of(Scopes.SHARING_CONFIGURATION_READ), false, List.of(1L),
                Instant.now(), false), ApiKeySecrets.hash(SHARING_READER));
        keys.save(new ApiKey("insight-reader", "insight reader", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ), false, List.of(1L), Instant.now(),
                false), ApiKeySecrets.hash(INSIGHT_READER));
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
    }

    private long insight(String base, String name) {
        Api.Reply created = api().send("POST", base, "{\"name\":\"" + name + "\",\"description\":\"shared in a test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private JsonNode patch(String sharing, String body) {
        Api.Reply reply = api().send("PATCH", sharing, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private Api anonymous() {
        return api().withKey(null);
    }

    @Test
    void anInsightNeverSharedIsOffWithNoTokenYetOnBothPathFamilies() {
        long id = insight(ENVIRONMENT, "never shared");
        for (String base : List.of(ENVIRONMENT, PROJECT)) {
            Api.Reply reply = api().get(base + id + "/sharing/");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Cache-Control")).contains("no-store");
            assertThat(reply.json()).isEqualTo(Api.json("{\"created_at\":null,\"enabled\":false,\"access_token\":null,\"settings\":null,"
                    + "\"password_required\":false,\"share_passwords\":[]}"));
        }
        assertThat(scalar("SELECT count() FROM insight_sharing WHERE insight_id = " + id)).isEqualTo("0");
    }

    @Test
    void enablingMakesAStableTokenThatReadsThatInsightAloneWithoutAKey() {
        long shared = insight(ENVIRONMENT, "shared");
        long other = insight(ENVIRONMENT, "not shared");
        JsonNode enabled = patch(PROJECT + shared + "/sharing", "{\"enabled\":true}");
        String token = enabled.get("access_token").asText();
        assertThat(enabled.get("enabled").asBoolean()).isTrue();
        assertThat(token).matches("[A-Za-z0-9_-]{30}");
        assertThat(enabled.get("created_at").asText()).isNotEmpty();
        assertThat(patch(ENVIRONMENT + shared + "/sharing/", "{\"settings\":{\"legend\":true}}").get("access_token").asText()).isEqualTo(token);

        for (String base : List.of(ENVIRONMENT, PROJECT)) {
            Api.Reply list = anonymous().get(base + "?sharing_access_token=" + token);
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.json().get("count").asInt()).isEqualTo(1);
            assertThat(list.json().get("results").get(0).get("id").asLong()).isEqualTo(shared);
            Api.Reply one = anonymous().get(base + shared + "/?sharing_access_token=" + token);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().get("name").asText()).isEqualTo("shared");
            assertThat(one.json().get("created_by").get("email").asText()).isEqualTo("bootstrap@clickmap.local");
            String shortId = one.json().get("short_id").asText();
            assertThat(anonymous().get(base + shortId + "/?sharing_access_token=" + token).status()).isEqualTo(200);

            Api.Reply another = anonymous().get(base + other + "/?sharing_access_token=" + token);
            assertThat(another.status()).isEqualTo(404);
            assertThat(another.json().get("code").asText()).isEqualTo("not_found");
        }
        // the token reaches no other endpoint: there the request needs a key as usual
        assertThat(anonymous().get(ENVIRONMENT + shared + "/sharing/?sharing_access_token=" + token).status()).isEqualTo(401);
        assertThat(anonymous().get(ENVIRONMENT + "activity/?sharing_access_token=" + token).status()).isEqualTo(401);
    }

    @Test
    void anUnknownTokenAndADisabledShareAre403AndEnablingAgainGivesANewLink() {
        long id = insight(ENVIRONMENT, "switched off");
        Api.Reply unknown = anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=abc");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json()).isEqualTo(Api.json(INVALID));
        assertThat(anonymous().get(ENVIRONMENT + "?sharing_access_token=" + "x".repeat(300)).json()).isEqualTo(Api.json(INVALID));

        String token = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true}").get("access_token").asText();
        assertThat(anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + token).status()).isEqualTo(200);
        JsonNode disabled = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":false}");
        assertThat(disabled.get("enabled").asBoolean()).isFalse();

        for (String path : List.of(ENVIRONMENT + id + "/", ENVIRONMENT)) {
            Api.Reply refused = anonymous().get(path + "?sharing_access_token=" + token);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json()).isEqualTo(Api.json(INVALID));
        }
        String again = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true}").get("access_token").asText();
        assertThat(again).isNotEqualTo(token);
        assertThat(anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + again).status()).isEqualTo(200);
        assertThat(anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + token).status()).isEqualTo(403);
    }

    @Test
    void aTokenNeverWritesWhateverTheRouteAndEvenBesideAKey() {
        long id = insight(ENVIRONMENT, "read only");
        String token = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true}").get("access_token").asText();
        String[][] writes = {{"PATCH", ENVIRONMENT + id + "/"}, {"PUT", ENVIRONMENT + id + "/"}, {"POST", ENVIRONMENT}, {"DELETE", ENVIRONMENT + id + "/"},
                {"PATCH", PROJECT + id + "/sharing/"}, {"POST", ENVIRONMENT + "bulk_update_tags/"}};
        for (String[] write : writes) {
            for (Api caller : List.of(anonymous(), api())) {
                Api.Reply refused = caller.send(write[0], write[1] + "?sharing_access_token=" + token, "{\"name\":\"Barfoo\"}");
                assertThat(refused.status()).as(write[0] + " " + write[1]).isEqualTo(403);
                assertThat(refused.json()).isEqualTo(Api.json(READ_ONLY));
            }
        }
        assertThat(api().get(ENVIRONMENT + id + "/").json().get("name").asText()).isEqualTo("read only");
    }

    @Test
    void aDeletedInsightIsNotFoundThroughItsToken() {
        long id = insight(ENVIRONMENT, "soon deleted");
        String token = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true}").get("access_token").asText();
        assertThat(api().send("PATCH", ENVIRONMENT + id + "/", "{\"deleted\":true}").status()).isEqualTo(200);

        Api.Reply retrieve = anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + token);
        assertThat(retrieve.status()).isEqualTo(404);
        assertThat(retrieve.json().get("code").asText()).isEqualTo("not_found");
        assertThat(anonymous().get(ENVIRONMENT + "?sharing_access_token=" + token).json().get("count").asInt()).isZero();
        assertThat(api().get(ENVIRONMENT + id + "/sharing/").status()).isEqualTo(404);
    }

    @Test
    void hideExtraDetailsTakesOutWhoMadeAndChangedTheInsightAndWhen() {
        long id = insight(ENVIRONMENT, "discreet");
        String token = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true,\"settings\":{\"hideExtraDetails\":true,\"legend\":false}}")
                .get("access_token").asText();

        JsonNode one = anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + token).json();
        JsonNode listed = anonymous().get(ENVIRONMENT + "?sharing_access_token=" + token).json().get("results").get(0);
        for (JsonNode shown : List.of(one, listed)) {
            assertThat(shown.has("created_by") || shown.has("created_at") || shown.has("last_modified_by") || shown.has("last_modified_at")).isFalse();
            assertThat(shown.get("name").asText()).isEqualTo("discreet");
            assertThat(shown.has("updated_at")).isTrue();
        }
        assertThat(api().get(ENVIRONMENT + id + "/sharing/").json().get("settings"))
                .isEqualTo(Api.json("{\"hideExtraDetails\":true,\"legend\":false}"));
    }

    @Test
    void aRefreshedTokenKeepsWorkingForTheGracePeriodThenStops() {
        long id = insight(ENVIRONMENT, "rotated");
        String old = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true,\"settings\":{\"whitelabel\":true}}").get("access_token").asText();

        Api.Reply refreshed = api().send("POST", PROJECT + id + "/sharing/refresh/", "");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String fresh = refreshed.json().get("access_token").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(refreshed.json().get("enabled").asBoolean()).isTrue();
        assertThat(refreshed.json().get("settings")).isEqualTo(Api.json("{\"whitelabel\":true}"));
        assertThat(api().get(ENVIRONMENT + id + "/sharing/").json().get("access_token").asText()).isEqualTo(fresh);

        clock.advance(Duration.ofMinutes(1));
        assertThat(anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + old).status()).isEqualTo(200);
        assertThat(anonymous().get("/shared/" + old).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + old).json()).isEqualTo(Api.json(INVALID));
        assertThat(anonymous().get("/shared/" + old).status()).isEqualTo(404);
        assertThat(anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + fresh).status()).isEqualTo(200);
    }

    @Test
    void aPasswordIsShownOnceAndStoredOnlyAsABcryptHash() {
        long id = insight(ENVIRONMENT, "protected");
        String sharing = ENVIRONMENT + id + "/sharing/";
        Api.Reply notProtected = api().send("POST", sharing + "passwords/", "{\"raw_password\":\"correct horse\"}");
        assertThat(notProtected.status()).isEqualTo(400);
        assertThat(notProtected.json()).isEqualTo(Api.json("{\"error\":\"Password protection must be enabled before creating passwords\"}"));

        patch(sharing, "{\"enabled\":true,\"password_required\":true}");
        Api.Reply chosen = api().send("POST", sharing + "passwords/", "{\"raw_password\":\"correct horse\",\"note\":\"for the board\"}");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(201);
        assertThat(chosen.json().get("password").asText()).isEqualTo("correct horse");
        assertThat(chosen.json().get("note").asText()).isEqualTo("for the board");
        assertThat(chosen.json().get("created_by_email").asText()).isEqualTo("bootstrap@clickmap.local");
        Api.Reply generated = api().send("POST", PROJECT + id + "/sharing/passwords", "{}");
        assertThat(generated.status()).isEqualTo(201);
        String made = generated.json().get("password").asText();
        assertThat(made).hasSizeGreaterThanOrEqualTo(16);

        JsonNode listed = api().get(sharing).json().get("share_passwords");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(chosen.json().get("id").asLong());
        assertThat(listed.get(0).has("password")).isFalse();
        assertThat(listed.get(0).get("is_active").asBoolean()).isTrue();
        String stored = scalar("SELECT arrayStringConcat(password_hashes, ' ') FROM insight_sharing WHERE insight_id = " + id
                + " ORDER BY version DESC LIMIT 1");
        assertThat(stored).doesNotContain("correct horse").doesNotContain(made).matches("\\$2a\\$10\\$\\S{53} \\$2a\\$10\\$\\S{53}");
        assertThat(scalar("SELECT count() FROM insight_sharing WHERE positionCaseInsensitive(toString(tuple(*)), 'correct horse') > 0")).isEqualTo("0");

        assertThat(api().send("DELETE", sharing + "passwords/" + chosen.json().get("id").asText() + "/").status()).isEqualTo(204);
        assertThat(api().get(sharing).json().get("share_passwords")).hasSize(1);
        assertThat(api().send("DELETE", sharing + "passwords/" + chosen.json().get("id").asText() + "/").status()).isEqualTo(404);
        assertThat(api().send("DELETE", sharing + "passwords/nothing/").status()).isEqualTo(404);
    }

    @Test
    void passwordBodiesBreakingTheRulesAre400NamingTheField() {
        long id = insight(ENVIRONMENT, "strict passwords");
        String sharing = ENVIRONMENT + id + "/sharing/";
        patch(sharing, "{\"password_required\":true}");
        Api.Reply tooShort = api().send("POST", sharing + "passwords/", "{\"raw_password\":\"seven77\"}");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("attr").asText()).isEqualTo("raw_password");
        assertThat(tooShort.json().get("detail").asText()).isEqualTo("Password must be at least 8 characters long.");
        assertThat(api().send("POST", sharing + "passwords/", "{\"raw_password\":\"" + "x".repeat(73) + "\"}").json().get("attr").asText())
                .isEqualTo("raw_password");
        Api.Reply longNote = api().send("POST", sharing + "passwords/", "{\"note\":\"" + "n".repeat(101) + "\"}");
        assertThat(longNote.status()).isEqualTo(400);
        assertThat(longNote.json().get("attr").asText()).isEqualTo("note");
        assertThat(api().send("POST", sharing + "passwords/", "{\"note\":\"" + "n".repeat(100) + "\"}").status()).isEqualTo(201);
        assertThat(api().send("POST", sharing + "passwords/", "{\"raw_password\":12345678}").status()).isEqualTo(400);
    }

    @Test
    void settingsAreOnlyTheSixSwitchesAsBooleansAnythingElseIs400() {
        long id = insight(ENVIRONMENT, "settings");
        String sharing = ENVIRONMENT + id + "/sharing/";
        for (String bad : List.of("{\"settings\":\"invalid string\"}", "{\"settings\":{\"customSetting\":true}}", "{\"settings\":{\"legend\":\"yes\"}}",
                "{\"settings\":[true]}", "{\"enabled\":\"true\"}")) {
            Api.Reply refused = api().send("PATCH", sharing, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("validation_error");
        }
        assertThat(api().send("PATCH", sharing, "{\"settings\":{\"theme\":1}}").json().get("attr").asText()).isEqualTo("settings");
        assertThat(scalar("SELECT count() FROM insight_sharing WHERE insight_id = " + id)).isEqualTo("0");
        String all = "{\"whitelabel\":true,\"noHeader\":false,\"showInspector\":true,\"legend\":false,\"detailed\":true,\"hideExtraDetails\":false}";
        assertThat(patch(sharing, "{\"settings\":" + all + "}").get("settings")).isEqualTo(Api.json(all));
        assertThat(patch(sharing, "{\"settings\":null}").get("settings").isNull()).isTrue();
    }

    @Test
    void readingNeedsSharingReadAndChangingSharingWrite() {
        long id = insight(ENVIRONMENT, "guarded");
        String sharing = ENVIRONMENT + id + "/sharing/";
        assertThat(anonymous().get(sharing).status()).isEqualTo(401);
        assertThat(api().withKey("phx_unknown_key_0123456789").send("PATCH", sharing, "{\"enabled\":true}").status()).isEqualTo(401);
        Api.Reply noScope = api().withKey(INSIGHT_READER).get(sharing);
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().get("detail").asText()).isEqualTo("This API key lacks the scope sharing_configuration:read.");
        assertThat(api().withKey(SHARING_READER).get(sharing).status()).isEqualTo(200);
        for (String[] write : new String[][] {{"PATCH", sharing}, {"POST", sharing + "refresh/"}, {"POST", sharing + "passwords/"},
                {"DELETE", sharing + "passwords/1/"}}) {
            Api.Reply denied = api().withKey(SHARING_READER).send(write[0], write[1], "{\"enabled\":true}");
            assertThat(denied.status()).as(write[0] + " " + write[1]).isEqualTo(403);
            assertThat(denied.json().get("detail").asText()).isEqualTo("This API key lacks the scope sharing_configuration:write.");
        }
        assertThat(scalar("SELECT count() FROM insight_sharing WHERE insight_id = " + id)).isEqualTo("0");
    }

    @Test
    void anotherEnvironmentsInsightIsNotFoundBothThroughItsIdAndThroughItsToken() {
        long blog = insight("/api/environments/2/insights/", "blog insight");
        assertThat(api().get(ENVIRONMENT + blog + "/sharing/").status()).isEqualTo(404);
        assertThat(api().send("PATCH", PROJECT + blog + "/sharing/", "{\"enabled\":true}").status()).isEqualTo(404);
        assertThat(api().send("POST", ENVIRONMENT + blog + "/sharing/refresh/", "").status()).isEqualTo(404);
        String token = patch("/api/environments/2/insights/" + blog + "/sharing/", "{\"enabled\":true}").get("access_token").asText();

        assertThat(anonymous().get(ENVIRONMENT + blog + "/?sharing_access_token=" + token).status()).isEqualTo(404);
        assertThat(anonymous().get(ENVIRONMENT + "?sharing_access_token=" + token).status()).isEqualTo(404);
        assertThat(anonymous().get("/api/environments/2/insights/" + blog + "/?sharing_access_token=" + token).status()).isEqualTo(200);
    }

    @Test
    void aPasswordProtectedShareOpensNothingThroughItsTokenAlone() {
        long id = insight(ENVIRONMENT, "locked");
        String token = patch(ENVIRONMENT + id + "/sharing/", "{\"enabled\":true,\"password_required\":true}").get("access_token").asText();
        Api.Reply alone = anonymous().get(ENVIRONMENT + id + "/?sharing_access_token=" + token);
        assertThat(alone.status()).isEqualTo(401);
        assertThat(alone.json().get("code").asText()).isEqualTo("not_authenticated");
        assertThat(api().get(ENVIRONMENT + id + "/?sharing_access_token=" + token).status()).isEqualTo(200);
    }
}
