package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may read and write insights (401/403, as for elements), and what hostile or concurrent writes leave behind. */
@MicronautTest
class InsightsAccessTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String READER = "phx_insight_reader_only_abcdef";
    private static final String ELEMENTS_ONLY = "phx_elements_reader_only_abcdef";

    @Inject
    ApiKeyStore keys;

    @BeforeAll
    void createKeys() {
        keys.save(new ApiKey("reader", "reader", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(READER));
        keys.save(new ApiKey("elements", "elements", UserIds.BOOTSTRAP, List.of(Scopes.ELEMENT_READ), true, List.of(), Instant.now(), false),
                ApiKeySecrets.hash(ELEMENTS_ONLY));
    }

    @Test
    void readingNeedsInsightReadAndWritingInsightWrite() {
        String id = api().send("POST", INSIGHTS, "{\"name\":\"Guarded\"}").json().get("id").asText();

        assertThat(api().withKey(null).get(INSIGHTS).status()).isEqualTo(401);
        assertThat(api().withKey("phx_unknown_key_0123456789").get(INSIGHTS + id + "/").status()).isEqualTo(401);
        assertThat(api().withKey(ELEMENTS_ONLY).get(INSIGHTS).json().get("detail").asText()).isEqualTo("This API key lacks the scope insight:read.");
        assertThat(api().withKey(READER).get(INSIGHTS).status()).isEqualTo(200);
        assertThat(api().withKey(READER).get(INSIGHTS + id + "/").status()).isEqualTo(200);
        for (String[] write : new String[][] {{"POST", INSIGHTS}, {"PATCH", INSIGHTS + id + "/"}, {"PUT", INSIGHTS + id + "/"},
                {"DELETE", INSIGHTS + id + "/"}}) {
            Api.Reply denied = api().withKey(READER).send(write[0], write[1], "{\"name\":\"x\"}");
            assertThat(denied.status()).as(write[0]).isEqualTo(403);
            assertThat(denied.json().get("detail").asText()).isEqualTo("This API key lacks the scope insight:write.");
        }
        // an environment the key does not reach answers as one that does not exist
        assertThat(api().withKey(READER).get("/api/environments/2/insights/").status()).isEqualTo(403);
        assertThat(api().withKey(READER).get("/api/environments/999/insights/").body())
                .isEqualTo(api().withKey(READER).get("/api/environments/2/insights/").body().replace("2.", "999."));
    }

    @Test
    void hostileBodiesAreRefusedAndStoreNothing() {
        String before = scalar("SELECT count() FROM insights");
        String deep = "{\"query\":" + "{\"kind\":\"InsightVizNode\",\"x\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        assertThat(api().send("POST", INSIGHTS, deep).status()).isEqualTo(400);
        assertThat(api().send("POST", INSIGHTS, "{\"name\":\"half \\ud800 a pair\"}").json().get("attr").asText()).isEqualTo("name");
        assertThat(api().send("POST", INSIGHTS, "{\"query\":{\"kind\":\"X\",\"n\":\"\\udc00\"}}").json().get("attr").asText()).isEqualTo("query");
        assertThat(api().send("POST", INSIGHTS, "{\"tags\":[1,2]}").json().get("attr").asText()).isEqualTo("tags");
        assertThat(api().send("POST", INSIGHTS, new byte[] {'{', '"', 'n', (byte) 0xff, '"', ':', '1', '}'}, "application/json").status())
                .isEqualTo(400);
        assertThat(scalar("SELECT count() FROM insights")).isEqualTo(before);
    }

    @Test
    void concurrentPatchesLeaveOneWholeWriteNeverAMixOfTwo() throws Exception {
        String one = INSIGHTS + api().send("POST", INSIGHTS, "{\"name\":\"start\"}").json().get("id").asText() + "/";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = "{\"name\":\"name " + i + "\",\"description\":\"description " + i + "\",\"tags\":[\"t" + i + "\"]}";
                writes.add(CompletableFuture.supplyAsync(() -> api().send("PATCH", one, body).status(), pool));
            }
            for (CompletableFuture<Integer> write : writes) {
                assertThat(write.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        var last = api().get(one).json();
        String n = last.get("name").asText().substring("name ".length());
        assertThat(last.get("description").asText()).isEqualTo("description " + n);
        assertThat(last.get("tags")).isEqualTo(Api.json("[\"t" + n + "\"]"));
        assertThat(scalar("SELECT count() FROM insights WHERE id = " + last.get("id").asText())).isEqualTo("41");
    }
}
