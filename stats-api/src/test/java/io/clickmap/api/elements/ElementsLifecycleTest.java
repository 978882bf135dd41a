package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest
class ElementsLifecycleTest extends ServiceTest {
    private static final String ELEMENTS = "/api/environments/1/elements/";
    private static final String NOT_FOUND = "{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}";
    private static final String BUTTON = "{\"text\":\"Sign up\",\"tag_name\":\"button\",\"attr_class\":[\"btn\",\"btn-primary\"],"
            + "\"href\":\"/signup\",\"attr_id\":\"go\",\"nth_child\":2,\"nth_of_type\":1,"
            + "\"attributes\":{\"attr__data-track\":\"signup\",\"attr__id\":\"go\"},\"order\":0}";

    private long create(String body) {
        Api.Reply created = api().send("POST", ELEMENTS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void createAnEnvironmentOfItsOwnForTheLifecycle() {
        environments.save(new Environment(3, "Lifecycle", "phc_lifecycle", Instant.now()));
    }

    @Test
    void anElementIsCreatedRetrievedListedPatchedAndDeletedAfterWhichItIsNotFound() {
        String elements = "/api/environments/3/elements/";
        Api.Reply created = api().send("POST", elements, BUTTON);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String expected = "{\"id\":" + id + "," + BUTTON.substring(1);
        assertThat(created.body()).isEqualTo(expected);
        assertThat(created.header("Content-Type")).hasValue("application/json");

        Api.Reply retrieved = api().get(elements + id + "/");
        assertThat(retrieved.status()).isEqualTo(200);
        assertThat(retrieved.body()).isEqualTo(expected);

        assertThat(api().get(elements).body()).isEqualTo("{\"count\":1,\"next\":null,\"previous\":null,\"results\":[" + expected + "]}");

        Api.Reply patched = api().send("PATCH", elements + id + "/", "{\"text\":\"Join\",\"attr_class\":[\"btn\"],\"attributes\":{}}");
        String expectedAfterPatch = "{\"id\":" + id + ",\"text\":\"Join\",\"tag_name\":\"button\",\"attr_class\":[\"btn\"],"
                + "\"href\":\"/signup\",\"attr_id\":\"go\",\"nth_child\":2,\"nth_of_type\":1,\"attributes\":{},\"order\":0}";
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body()).isEqualTo(expectedAfterPatch);
        assertThat(api().get(elements + id + "/").body()).isEqualTo(expectedAfterPatch);

        Api.Reply deleted = api().send("DELETE", elements + id + "/");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        Api.Reply gone = api().get(elements + id + "/");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).isEqualTo(Api.json(NOT_FOUND));
        assertThat(api().get(elements).body()).isEqualTo("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}");
        assertThat(api().send("PATCH", elements + id + "/", "{\"text\":\"back\"}").status()).isEqualTo(404);
        assertThat(api().send("DELETE", elements + id + "/").status()).isEqualTo(404);
        assertThat(api().get(elements + id + "/").status()).isEqualTo(404);
    }

    @Test
    void bothPathFamiliesWithAndWithoutTheTrailingSlashReachTheSameElement() {
        long id = create("{\"tag_name\":\"a\"}");
        String expected = api().get(ELEMENTS + id + "/").body();

        assertThat(api().get("/api/environments/1/elements/" + id).body()).isEqualTo(expected);
        assertThat(api().get("/api/projects/1/elements/" + id + "/").body()).isEqualTo(expected);
        assertThat(api().get("/api/projects/1/elements/" + id).body()).isEqualTo(expected);
        assertThat(api().get("/api/projects/1/elements").json().get("count")).isEqualTo(api().get("/api/environments/1/elements").json().get("count"));
        assertThat(api().send("POST", "/api/projects/1/elements", "{}").status()).isEqualTo(201);
        assertThat(api().send("PATCH", "/api/projects/1/elements/" + id, "{\"text\":\"x\"}").json().get("text").asText()).isEqualTo("x");
        assertThat(api().send("DELETE", "/api/projects/1/elements/" + id).status()).isEqualTo(204);
        assertThat(api().get(ELEMENTS + id).status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndAnExplicitNullClearsOne() {
        long id = create(BUTTON);

        Api.Reply patched = api().send("PATCH", ELEMENTS + id + "/",
                "{\"href\":null,\"attr_class\":null,\"nth_child\":null,\"attributes\":null,\"order\":7}");

        assertThat(patched.body()).isEqualTo("{\"id\":" + id + ",\"text\":\"Sign up\",\"tag_name\":\"button\",\"attr_class\":null,"
                + "\"href\":null,\"attr_id\":\"go\",\"nth_child\":null,\"nth_of_type\":1,\"attributes\":{},\"order\":7}");
        assertThat(api().get(ELEMENTS + id + "/").body()).isEqualTo(patched.body());
        assertThat(api().send("PATCH", ELEMENTS + id + "/", "{}").body()).isEqualTo(patched.body());
        assertThat(api().send("PATCH", ELEMENTS + id + "/", new byte[0], "application/json").body()).isEqualTo(patched.body());
    }

    @Test
    void anElementCreatedWithoutFieldsHasNullsAnEmptyAttributesObjectAndNoOrder() {
        Api.Reply empty = api().send("POST", ELEMENTS, "{}");
        Api.Reply noBody = api().send("POST", ELEMENTS, new byte[0], "application/json");

        for (Api.Reply reply : new Api.Reply[] {empty, noBody}) {
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body()).isEqualTo("{\"id\":" + reply.json().get("id").asLong() + ",\"text\":null,\"tag_name\":null,"
                    + "\"attr_class\":null,\"href\":null,\"attr_id\":null,\"nth_child\":null,\"nth_of_type\":null,\"attributes\":{},\"order\":null}");
        }
    }

    @Test
    void attrClassKeepsAnEmptyListApartFromNull() {
        long emptyList = create("{\"attr_class\":[]}");
        long none = create("{\"attr_class\":null}");

        assertThat(api().get(ELEMENTS + emptyList + "/").json().get("attr_class").toString()).isEqualTo("[]");
        assertThat(api().get(ELEMENTS + none + "/").json().get("attr_class").isNull()).isTrue();
    }

    @Test
    void unknownFieldsAndAnIdInTheBodyAreIgnored() {
        Api.Reply created = api().send("POST", ELEMENTS, "{\"id\":5,\"tag_name\":\"img\",\"colour\":\"red\",\"nested\":{\"a\":[1,2]}}");
        long id = created.json().get("id").asLong();

        assertThat(id).isNotEqualTo(5);
        assertThat(created.body()).isEqualTo("{\"id\":" + id + ",\"text\":null,\"tag_name\":\"img\",\"attr_class\":null,\"href\":null,"
                + "\"attr_id\":null,\"nth_child\":null,\"nth_of_type\":null,\"attributes\":{},\"order\":null}");
        assertThat(api().send("PATCH", ELEMENTS + id + "/", "{\"id\":6}").json().get("id").asLong()).isEqualTo(id);
        assertThat(api().get(ELEMENTS + "6/").status()).isEqualTo(404);
    }

    @Test
    void attributesKeepTheOrderTheyWereSentIn() {
        long id = create("{\"attributes\":{\"z\":\"1\",\"a\":\"2\",\"m\":\"\"}}");

        assertThat(api().get(ELEMENTS + id + "/").json().get("attributes").toString()).isEqualTo("{\"z\":\"1\",\"a\":\"2\",\"m\":\"\"}");
    }

    @Test
    void elementResponsesMayNotBeCachedSoAReadAfterAWriteShowsIt() {
        long id = create("{\"text\":\"v1\"}");
        assertThat(api().get(ELEMENTS + id + "/").header("Cache-Control")).hasValue("no-store");
        assertThat(api().get(ELEMENTS).header("Cache-Control")).hasValue("no-store");

        for (int version = 2; version <= 5; version++) {
            api().send("PATCH", ELEMENTS + id + "/", "{\"text\":\"v" + version + "\"}");
            assertThat(api().get(ELEMENTS + id + "/").json().get("text").asText()).isEqualTo("v" + version);
        }
    }

    @Test
    void pathsWhoseElementIdIsNotAnIdClickmapHandsOutAreNotFound() {
        for (String id : new String[] {"abc", "0", "00", "-1", "1.5", "1e3", "9007199254740992", "99999999999999999999", "%27%20OR%201=1"}) {
            for (String method : new String[] {"GET", "PATCH", "DELETE"}) {
                Api.Reply reply = method.equals("PATCH") ? api().send(method, ELEMENTS + id + "/", "{}") : api().send(method, ELEMENTS + id + "/");
                assertThat(reply.status()).as(method + " " + id).isEqualTo(404);
                assertThat(reply.json()).as(method + " " + id).isEqualTo(Api.json(NOT_FOUND));
            }
        }
        assertThat(api().get(ELEMENTS + "9007199254740991/").status()).isEqualTo(404);
    }

    @Test
    void theStatsAndValuesRoutesStillAnswerBesideTheElementRoutes() {
        Api.Reply stats = api().get(ELEMENTS + "stats/?paginate_response=true");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json()).isEqualTo(Api.json("{\"results\":[],\"next\":null,\"previous\":null}"));
        assertThat(api().get("/api/projects/1/elements/values/?key=text").body()).isEqualTo("[]");
        assertMethodNotAllowed(api().send("DELETE", ELEMENTS + "values/"), "DELETE");
        assertMethodNotAllowed(api().send("PATCH", ELEMENTS + "stats/", "{}"), "PATCH");
    }

    @Test
    void putAndOtherMethodsAreNotAllowedInDrfShape() {
        long id = create("{}");

        String before = api().get(ELEMENTS + id + "/").body();
        assertMethodNotAllowed(api().send("PUT", ELEMENTS + id + "/", "{\"text\":\"x\"}"), "PUT");
        assertMethodNotAllowed(api().send("POST", ELEMENTS + id + "/", "{}"), "POST");
        assertMethodNotAllowed(api().send("PUT", ELEMENTS, "{}"), "PUT");
        assertMethodNotAllowed(api().send("DELETE", ELEMENTS), "DELETE");
        assertThat(api().get(ELEMENTS + id + "/").body()).isEqualTo(before);
        assertThat(api().get(ELEMENTS + id + "/").json().get("text").isNull()).isTrue();
    }

    private static void assertMethodNotAllowed(Api.Reply reply, String method) {
        assertThat(reply.status()).as(method).isEqualTo(405);
        assertThat(reply.json()).as(method).isEqualTo(Api.json("{\"type\":\"invalid_request\",\"code\":\"method_not_allowed\","
                + "\"detail\":\"Method \\\"" + method + "\\\" not allowed.\",\"attr\":null}"));
    }
}
