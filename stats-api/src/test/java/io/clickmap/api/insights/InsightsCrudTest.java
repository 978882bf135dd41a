package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Create, retrieve, update and (soft) delete on both path families, as docs/insights-api.md says, on the real ClickHouse. */
@MicronautTest
class InsightsCrudTest extends ServiceTest {
    static final String INSIGHTS = "/api/environments/1/insights/";
    static final String TRENDS = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$rageclick\",\"math\":\"total\"}],\"interval\":\"day\"}}";
    private static final String NOT_FOUND = "{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}";
    /** The insight object's keys, in PostHog's order. */
    static final List<String> FIELDS = List.of("id", "short_id", "name", "derived_name", "query", "order", "deleted", "dashboards",
            "dashboard_tiles", "last_refresh", "cache_target_age", "next_allowed_client_refresh", "result", "hasMore", "columns", "created_at",
            "created_by", "description", "updated_at", "tags", "favorited", "last_modified_at", "last_modified_by", "is_sample",
            "effective_restriction_level", "effective_privilege_level", "user_access_level", "timezone", "is_cached", "query_status", "hogql",
            "types", "resolved_date_range", "alerts", "last_viewed_at", "filters", "saved", "filters_hash");

    @Inject
    InsightStore store;

    JsonNode create(String body) {
        Api.Reply created = api().send("POST", INSIGHTS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void aCreatedInsightIsTheWholeObjectWithTheQueryAsSentAndTheKeysUserAsCreator() {
        JsonNode created = create("{\"name\":\"Rage clicks\",\"description\":\"per day\",\"query\":" + TRENDS
                + ",\"tags\":[\" Checkout \",\"checkout\",\"\",\"Alpha\"],\"favorited\":true,\"id\":999,\"short_id\":\"mine\",\"result\":[1]}");

        assertThat(keys(created)).containsExactlyElementsOf(FIELDS);
        assertThat(created.get("id").asLong()).isNotEqualTo(999);
        assertThat(created.get("short_id").asText()).matches("[A-Za-z0-9]{8}");
        assertThat(created.get("name").asText()).isEqualTo("Rage clicks");
        assertThat(created.get("query")).isEqualTo(Api.json(TRENDS));
        assertThat(created.get("tags")).isEqualTo(Api.json("[\"alpha\",\"checkout\"]"));
        assertThat(created.get("favorited").asBoolean()).isTrue();
        assertThat(created.get("result").isNull()).isTrue();
        assertThat(created.get("dashboards")).isEqualTo(Api.json("[]"));
        assertThat(created.get("saved").asBoolean()).isTrue();
        assertThat(created.get("filters")).isEqualTo(Api.json("{}"));
        assertThat(created.get("created_by").get("email").asText()).isEqualTo("bootstrap@clickmap.local");
        assertThat(keys(created.get("created_by"))).containsExactly("id", "uuid", "distinct_id", "first_name", "last_name", "email",
                "is_email_verified", "hedgehog_config", "role_at_organization");
        assertThat(created.get("last_modified_by")).isEqualTo(created.get("created_by"));
        assertThat(created.get("created_at").asText()).endsWith("Z").isEqualTo(created.get("last_modified_at").asText());
    }

    @Test
    void anInsightIsFoundByIdAndByShortIdOnBothPathFamilies() {
        JsonNode created = create("{\"name\":\"By two names\"}");
        String id = created.get("id").asText();
        String shortId = created.get("short_id").asText();

        for (String path : new String[] {INSIGHTS + id + "/", INSIGHTS + shortId + "/", "/api/projects/1/insights/" + id,
                "/api/projects/1/insights/" + shortId + "/"}) {
            Api.Reply retrieved = api().get(path);
            assertThat(retrieved.status()).as(path).isEqualTo(200);
            assertThat(retrieved.json()).as(path).isEqualTo(created);
        }
        assertThat(api().get(INSIGHTS + "987654321/").json()).isEqualTo(Api.json(NOT_FOUND));
        assertThat(api().get(INSIGHTS + "no-such/").status()).isEqualTo(404);
    }

    @Test
    void aPatchChangesWhatItSendsAndMovesLastModifiedOnlyForAMaterialChange() {
        JsonNode created = create("{\"name\":\"Before\",\"query\":" + TRENDS + "}");
        String one = INSIGHTS + created.get("id").asText() + "/";

        JsonNode favorited = api().send("PATCH", one, "{\"favorited\":true}").json();
        assertThat(favorited.get("favorited").asBoolean()).isTrue();
        assertThat(favorited.get("name").asText()).isEqualTo("Before");
        assertThat(favorited.get("query")).isEqualTo(Api.json(TRENDS));
        assertThat(favorited.get("last_modified_at")).as("favoriting is not material").isEqualTo(created.get("last_modified_at"));
        assertThat(favorited.get("updated_at").asText()).isNotEqualTo(created.get("updated_at").asText());

        JsonNode renamed = api().send("PUT", one, "{\"name\":\"After\"}").json();
        assertThat(renamed.get("name").asText()).isEqualTo("After");
        assertThat(renamed.get("favorited").asBoolean()).isTrue();
        assertThat(renamed.get("last_modified_at").asText()).isNotEqualTo(created.get("last_modified_at").asText());
        assertThat(api().get(one).json()).isEqualTo(renamed);
    }

    @Test
    void aSoftDeletedInsightIsNotFoundUntilRestoredAndDeleteIsNotAllowed() {
        JsonNode created = create("{\"name\":\"Short-lived\"}");
        String one = INSIGHTS + created.get("id").asText() + "/";

        Api.Reply delete = api().send("DELETE", one);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.body()).isEmpty();
        assertThat(api().get(one).status()).as("DELETE leaves it alone").isEqualTo(200);

        assertThat(api().send("PATCH", one, "{\"deleted\":true}").json().get("deleted").asBoolean()).isTrue();
        assertThat(api().get(one).json()).isEqualTo(Api.json(NOT_FOUND));
        assertThat(api().send("PATCH", one, "{\"name\":\"Changed while deleted\"}").status()).isEqualTo(404);
        assertThat(api().send("PATCH", one, "{\"name\":42}").status()).as("a deleted insight's bad body: the body decides").isEqualTo(400);

        Api.Reply restored = api().send("PATCH", one, "{\"deleted\":false}");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("name").asText()).isEqualTo("Short-lived");
        assertThat(api().get(one).status()).isEqualTo(200);
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndNothingIsStored() {
        String count = "SELECT count() FROM insights";
        String before = scalar(count);
        for (String[] bad : new String[][] {
                {"{\"name\":" + "\"" + "n".repeat(401) + "\"}", "name"},
                {"{\"name\":42}", "name"},
                {"{\"query\":[1]}", "query"},
                {"{\"query\":{\"source\":{}}}", "query"},
                {"{\"dashboards\":[1]}", "dashboards"},
                {"{\"tags\":\"a\"}", "tags"},
                {"{\"tags\":[\"" + "t".repeat(256) + "\"]}", "tags"},
                {"{\"favorited\":\"maybe\"}", "favorited"},
                {"{\"order\":1.5}", "order"}}) {
            Api.Reply refused = api().send("POST", INSIGHTS, bad[0]);
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json().get("attr").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api().send("POST", INSIGHTS, "{\"name\":").status()).isEqualTo(400);
        assertThat(api().send("POST", INSIGHTS, "[1]").status()).isEqualTo(400);
        assertThat(api().send("POST", INSIGHTS, "{\"name\":\"" + "x".repeat(1_100_000) + "\"}").status()).isIn(400, 413);
        assertThat(scalar(count)).isEqualTo(before);
    }

    @Test
    void anUnknownInsightIsNotFoundWhateverTheBody() {
        for (String method : new String[] {"PATCH", "PUT"}) {
            for (String body : new String[] {"{\"name\":42}", "[1]", "{\"name\":"}) {
                Api.Reply reply = api().send(method, INSIGHTS + "987654321/", body);
                assertThat(reply.status()).as("%s %s", method, body).isEqualTo(404);
                assertThat(reply.json()).isEqualTo(Api.json(NOT_FOUND));
            }
        }
    }

    @Test
    void aShortIdOfDigitsIsFoundWhenNoInsightHasThatNumberAsItsId() {
        JsonNode created = create("{\"name\":\"Digits for a short id\"}");
        StoredInsight stored = store.find(1, created.get("id").asLong(), new ServerTiming()).orElseThrow();
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        store.save(1, new StoredInsight(stored.id(), digits, stored.fields(), stored.createdAt(), stored.createdBy(), stored.lastModifiedAt(),
                stored.lastModifiedBy(), stored.version() + 1, stored.writtenBy(), StoredInsight.Activity.UPDATED), new ServerTiming());

        Api.Reply byDigits = api().get(INSIGHTS + digits + "/");

        assertThat(byDigits.status()).as(byDigits.body()).isEqualTo(200);
        assertThat(byDigits.json().get("id").asLong()).isEqualTo(stored.id());
        assertThat(byDigits.json().get("short_id").asText()).isEqualTo(digits);
        assertThat(api().get(INSIGHTS + stored.id() + "/").json().get("short_id").asText()).as("the id still finds it").isEqualTo(digits);
    }
}
