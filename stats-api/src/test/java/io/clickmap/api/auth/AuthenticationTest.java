package io.clickmap.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest
class AuthenticationTest extends ServiceTest {
    private static final String READER_OF_1 = "phx_reader_of_environment_1_abcdef";
    private static final String READER_OF_ALL = "phx_reader_of_every_environment_abcdef";
    private static final String INSIGHTS_ONLY = "phx_insights_without_element_scope_abcdef";
    private static final String REVOKED = "phx_revoked_before_the_test_abcdef";
    private static final String STATS_2 = "/api/environments/2/elements/stats/";
    private static final String NOT_AUTHENTICATED = "{\"type\":\"authentication_error\",\"code\":\"not_authenticated\",\"detail\":\"%s\",\"attr\":null}";
    private static final String PERMISSION_DENIED = "{\"type\":\"authentication_error\",\"code\":\"permission_denied\",\"detail\":\"%s\",\"attr\":null}";

    @Inject
    ApiKeyStore keys;
    @Inject
    EnvironmentStore environments;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.api-key-cache-ttl", "1s");
    }

    @BeforeAll
    void createKeys() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        save("reader-1", READER_OF_1, List.of(Scopes.ELEMENT_READ), false, List.of(1L));
        save("reader-all", READER_OF_ALL, List.of(Scopes.ELEMENT_READ), true, List.of());
        save("insights-only", INSIGHTS_ONLY, List.of(Scopes.INSIGHT_WRITE), true, List.of());
        save("revoked", REVOKED, List.of(Scopes.ALL), true, List.of());
        keys.revoke("revoked");
    }

    private void save(String id, String key, List<String> scopes, boolean all, List<Long> reach) {
        keys.save(new ApiKey(id, id, UserIds.BOOTSTRAP, scopes, all, reach, Instant.now(), false), ApiKeySecrets.hash(key));
    }

    @Test
    void aRequestWithoutKeyIsNotAuthenticated() {
        Api.Reply reply = api().withKey(null).get(STATS_2);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json()).isEqualTo(Api.json(NOT_AUTHENTICATED.formatted("Authentication credentials were not provided.")));
        assertThat(api().withKey(null).get("/api/projects/1/elements/values/?key=text").status()).isEqualTo(401);
    }

    @Test
    void anUnknownKeyIsNotAuthenticated() {
        Api.Reply reply = api().withKey("phx_nobody_has_this_key").get(STATS_2);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json()).isEqualTo(Api.json(NOT_AUTHENTICATED.formatted("Invalid personal API key.")));
    }

    @Test
    void aKeyOutsideABearerHeaderIsNotAuthenticated() {
        Api.Reply basic = api().getWithAuthorization(STATS_2, "Basic " + java.util.Base64.getEncoder().encodeToString(ADMIN_KEY.getBytes()));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json()).isEqualTo(Api.json(NOT_AUTHENTICATED.formatted("Use the header Authorization: Bearer <personal API key>.")));
        assertThat(api().getWithAuthorization(STATS_2, ADMIN_KEY).status()).isEqualTo(401);
        assertThat(api().getWithAuthorization(STATS_2, "bearer " + ADMIN_KEY).status()).isEqualTo(200);
        assertThat(api().withKey("").get(STATS_2).status()).isEqualTo(401);
        assertThat(api().withKey("x".repeat(500)).get(STATS_2).status()).isEqualTo(401);
    }

    @Test
    void aRevokedKeyIsNotAuthenticated() {
        Api.Reply reply = api().withKey(REVOKED).get(STATS_2);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json()).isEqualTo(Api.json(NOT_AUTHENTICATED.formatted("Invalid personal API key.")));
    }

    @Test
    void revokingAKeyInUseTakesEffectWithinTheKeyCacheTime() {
        String key = "phx_revoked_while_in_use_abcdef";
        save("in-use", key, List.of(Scopes.ELEMENT_READ), true, List.of());
        assertThat(api().withKey(key).get(STATS_2).status()).isEqualTo(200);

        keys.revoke("in-use");

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().withKey(key).get(STATS_2).status() == 401);
    }

    @Test
    void aKeyWithoutTheReadScopeIsDenied() {
        Api.Reply reply = api().withKey(INSIGHTS_ONLY).get(STATS_2);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key lacks the scope element:read.")));
    }

    @Test
    void aKeyForAnotherEnvironmentIsDenied() {
        Api.Reply reply = api().withKey(READER_OF_1).get(STATS_2);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key has no access to environment 2.")));
        assertThat(api().withKey(READER_OF_1).get("/api/projects/1/elements/stats/").status()).isEqualTo(200);
    }

    @Test
    void anEnvironmentThatDoesNotExistAnswersLikeOneTheKeyMayNotReach() {
        Api.Reply missing = api().withKey(READER_OF_ALL).get("/api/environments/999/elements/stats/");
        Api.Reply unreachable = api().withKey(READER_OF_1).get("/api/environments/999/elements/stats/");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo(unreachable.body());
        assertThat(missing.json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key has no access to environment 999.")));
        assertThat(api().get("/api/environments/999/elements/values/?key=text").status()).isEqualTo(403);
    }

    @Test
    void keysWithTheReadScopeOrEveryScopeMayReadTheirEnvironments() {
        assertThat(api().withKey(READER_OF_ALL).get(STATS_2).status()).isEqualTo(200);
        assertThat(api().get(STATS_2).status()).isEqualTo(200);
        assertThat(api().withKey(READER_OF_ALL).get("/api/environments/2/elements/values/?key=tag_name").status()).isEqualTo(200);
    }

    @Test
    void anEnvironmentIdThatIsNotAPositiveIntegerNamesNoResource() {
        for (String id : new String[] {"abc", "0", "-1", "1.5", "99999999999999999999", "1%27%20OR%201=1"}) {
            Api.Reply reply = api().withKey(null).get("/api/environments/" + id + "/elements/stats/");
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}"));
        }
    }

    @Test
    void theCheckComesBeforeTheParametersWhetherTheKeyIsCachedOrNot() {
        // The first request finds the key uncached (the check waits for the controller, off the event loop); the
        // second finds it cached (checked as the request is bound). Both answer the key's fault, not the bad limit.
        String key = "phx_insight_reader_checked_twice_abcdef";
        save("insight-reader-twice", key, List.of(Scopes.INSIGHT_READ), true, List.of());
        for (String path : new String[] {STATS_2 + "?limit=0", "/api/environments/2/elements/?limit=0",
                "/api/environments/2/elements/values/?key=nope", "/api/environments/2/elements/1/"}) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                Api.Reply reply = api().withKey(key).get(path);
                assertThat(reply.status()).as(path + " #" + attempt).isEqualTo(403);
                assertThat(reply.json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key lacks the scope element:read.")));
            }
        }
    }
}
