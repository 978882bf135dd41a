package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what to elements: every authentication case for each of the five actions, scopes per action,
 * and environments kept apart — an element of environment 1 does not exist through environment 2.
 */
@MicronautTest
class ElementsAccessTest extends ServiceTest {
    private static final String READER_OF_1 = "phx_element_reader_of_1_abcdef";
    private static final String WRITER_OF_1 = "phx_element_writer_of_1_abcdef";
    private static final String EVERY_SCOPE_OF_1 = "phx_every_scope_of_1_abcdef";
    private static final String REVOKED = "phx_element_key_revoked_abcdef";
    private static final String ONE = "/api/environments/1/elements/";
    private static final String TWO = "/api/environments/2/elements/";
    private static final String NOT_FOUND = "{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}";
    private static final String NOT_AUTHENTICATED = "{\"type\":\"authentication_error\",\"code\":\"not_authenticated\",\"detail\":\"%s\",\"attr\":null}";
    private static final String PERMISSION_DENIED = "{\"type\":\"authentication_error\",\"code\":\"permission_denied\",\"detail\":\"%s\",\"attr\":null}";

    @Inject
    ApiKeyStore keys;
    @Inject
    EnvironmentStore environments;
    private long elementOf1;
    private String elementOf1Json;
    /** Every element this class creates in environment 2 (none is deleted there), by id. */
    private final Map<Long, String> elementsOf2 = new TreeMap<>();

    @BeforeAll
    void createKeysAndAnElementInEnvironment1() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        save("reader", READER_OF_1, List.of(Scopes.ELEMENT_READ));
        save("writer", WRITER_OF_1, List.of(Scopes.ELEMENT_WRITE));
        save("every", EVERY_SCOPE_OF_1, List.of(Scopes.ALL));
        save("revoked", REVOKED, List.of(Scopes.ALL));
        keys.revoke("revoked");
        Api.Reply created = api().send("POST", ONE, "{\"text\":\"only in 1\",\"tag_name\":\"a\"}");
        elementOf1 = created.json().get("id").asLong();
        elementOf1Json = created.body();
        createIn2("{\"text\":\"only in 2\",\"tag_name\":\"b\"}");
    }

    private long createIn2(String body) {
        Api.Reply created = api().send("POST", TWO, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        elementsOf2.put(id, created.body());
        return id;
    }

    private void save(String id, String key, List<String> scopes) {
        keys.save(new ApiKey(id, id, UserIds.BOOTSTRAP, scopes, false, List.of(1L), Instant.now(), false), ApiKeySecrets.hash(key));
    }

    /** The five actions, through one key, on the elements under {@code elements}; {@code id} names the one to act on. */
    private List<Action> everyAction(Api api, String elements, long id) {
        return List.of(
                new Action("list", api.get(elements)),
                new Action("create", api.send("POST", elements, "{\"text\":\"new\"}")),
                new Action("retrieve", api.get(elements + id + "/")),
                new Action("update", api.send("PATCH", elements + id + "/", "{\"text\":\"changed\"}")),
                new Action("delete", api.send("DELETE", elements + id + "/")));
    }

    private record Action(String name, Api.Reply reply) {
    }

    private void assertElementOf1Unchanged() {
        assertThat(api().get(ONE + elementOf1 + "/").body()).isEqualTo(elementOf1Json);
    }

    @Test
    void withoutAKeyEveryActionIsNotAuthenticated() {
        for (Action action : everyAction(api().withKey(null), ONE, elementOf1)) {
            assertThat(action.reply().status()).as(action.name()).isEqualTo(401);
            assertThat(action.reply().json()).as(action.name())
                    .isEqualTo(Api.json(NOT_AUTHENTICATED.formatted("Authentication credentials were not provided.")));
        }
        assertElementOf1Unchanged();
    }

    @Test
    void withAnUnknownOrRevokedKeyEveryActionIsNotAuthenticated() {
        for (String key : new String[] {"phx_nobody_has_this_key", REVOKED}) {
            for (Action action : everyAction(api().withKey(key), ONE, elementOf1)) {
                assertThat(action.reply().status()).as(key + " " + action.name()).isEqualTo(401);
                assertThat(action.reply().json()).isEqualTo(Api.json(NOT_AUTHENTICATED.formatted("Invalid personal API key.")));
            }
        }
        assertElementOf1Unchanged();
    }

    @Test
    void aReadOnlyKeyMayListAndRetrieveButNotCreateUpdateOrDelete() {
        List<Action> actions = everyAction(api().withKey(READER_OF_1), ONE, elementOf1);

        assertThat(actions.get(0).reply().status()).isEqualTo(200);
        assertThat(actions.get(0).reply().body()).contains(elementOf1Json);
        assertThat(actions.get(2).reply().status()).isEqualTo(200);
        assertThat(actions.get(2).reply().body()).isEqualTo(elementOf1Json);
        for (Action write : List.of(actions.get(1), actions.get(3), actions.get(4))) {
            assertThat(write.reply().status()).as(write.name()).isEqualTo(403);
            assertThat(write.reply().json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key lacks the scope element:write.")));
        }
        assertElementOf1Unchanged();
    }

    @Test
    void aWriteKeyMayAlsoReadAsInPostHog() {
        long id = api().send("POST", ONE, "{}").json().get("id").asLong();
        List<Action> actions = everyAction(api().withKey(WRITER_OF_1), ONE, id);

        // PostHog's scope check accepts X:write wherever X:read is required.
        for (Action read : List.of(actions.get(0), actions.get(2))) {
            assertThat(read.reply().status()).as(read.name()).isEqualTo(200);
        }
        assertThat(actions.get(1).reply().status()).isEqualTo(201);
        assertThat(actions.get(3).reply().status()).isEqualTo(200);
        assertThat(actions.get(4).reply().status()).isEqualTo(204);
        assertThat(api().get(ONE + id + "/").status()).isEqualTo(404);
    }

    @Test
    void theEveryScopeKeyMayReadAndWrite() {
        long id = api().send("POST", ONE, "{}").json().get("id").asLong();
        List<Action> actions = everyAction(api().withKey(EVERY_SCOPE_OF_1), ONE, id);

        assertThat(actions.stream().map(action -> action.reply().status())).containsExactly(200, 201, 200, 200, 204);
    }

    @Test
    void aKeyOfAnotherEnvironmentIsDeniedEveryActionAndLearnsNothingOfItsElements() {
        long id = createIn2("{\"text\":\"only in 2\"}");

        for (Action action : everyAction(api().withKey(EVERY_SCOPE_OF_1), TWO, id)) {
            assertThat(action.reply().status()).as(action.name()).isEqualTo(403);
            assertThat(action.reply().json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key has no access to environment 2.")));
        }
        assertThat(api().get(TWO + id + "/").body()).isEqualTo(elementsOf2.get(id));
    }

    @Test
    void anEnvironmentThatDoesNotExistAnswersLikeOneTheKeyMayNotReach() {
        List<Action> missing = everyAction(api(), "/api/environments/999/elements/", elementOf1);
        List<Action> unreachable = everyAction(api().withKey(EVERY_SCOPE_OF_1), "/api/environments/999/elements/", elementOf1);

        for (int i = 0; i < missing.size(); i++) {
            Api.Reply reply = missing.get(i).reply();
            assertThat(reply.status()).as(missing.get(i).name()).isEqualTo(403);
            assertThat(reply.json()).isEqualTo(Api.json(PERMISSION_DENIED.formatted("This API key has no access to environment 999.")));
            assertThat(reply.body()).isEqualTo(unreachable.get(i).reply().body());
        }
        assertThat(api().get("/api/environments/0/elements/").json()).isEqualTo(Api.json(NOT_FOUND));
    }

    @Test
    void anElementOfOneEnvironmentIsNotFoundThroughAnotherAndUntouchedByIt() {
        for (String other : new String[] {TWO, "/api/projects/2/elements/"}) {
            for (Action action : List.of(
                    new Action("retrieve", api().get(other + elementOf1 + "/")),
                    new Action("update", api().send("PATCH", other + elementOf1 + "/", "{\"text\":\"hijacked\"}")),
                    new Action("delete", api().send("DELETE", other + elementOf1 + "/")))) {
                assertThat(action.reply().status()).as(other + " " + action.name()).isEqualTo(404);
                assertThat(action.reply().json()).isEqualTo(Api.json(NOT_FOUND));
            }
            // environment 2's list is exactly the elements created in it
            assertThat(api().get(other).json()).as(other).isEqualTo(Api.json("{\"count\":" + elementsOf2.size()
                    + ",\"next\":null,\"previous\":null,\"results\":[" + String.join(",", elementsOf2.values()) + "]}"));
        }
        // and environment 1's holds none of them
        Set<Long> listedIn1 = new TreeSet<>();
        api().get(ONE + "?limit=1000").json().get("results").forEach(element -> listedIn1.add(element.get("id").asLong()));
        assertThat(listedIn1).contains(elementOf1).doesNotContainAnyElementsOf(elementsOf2.keySet());
        assertElementOf1Unchanged();
        assertThat(scalar("SELECT count() FROM elements WHERE id = " + elementOf1)).isEqualTo("1");
    }
}
