package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@MicronautTest
class ConcurrentCreatesTest extends ServiceTest {
    private static final String ELEMENTS = "/api/environments/1/elements/";
    private static final int THREADS = 8;
    private static final int EACH = 10;
    private static final int WRITER = 513;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.writer-id", String.valueOf(WRITER));
    }

    @Test
    void eightThreadsCreatingAtOnceGetDistinctIdsBelowTwoToThe53CarryingTheConfiguredWriterAndEveryElementIsRetrievable()
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<CompletableFuture<Map<Long, String>>> creators = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                creators.add(CompletableFuture.supplyAsync(() -> {
                    Map<Long, String> texts = new HashMap<>();
                    for (int i = 0; i < EACH; i++) {
                        String text = "thread " + thread + " #" + i;
                        Api.Reply reply = api().send("POST", ELEMENTS, "{\"text\":\"" + text + "\"}");
                        assertThat(reply.status()).isEqualTo(201);
                        texts.put(reply.json().get("id").asLong(), text);
                    }
                    return texts;
                }, threads));
            }
            Map<Long, String> texts = new HashMap<>();
            int created = 0;
            for (CompletableFuture<Map<Long, String>> creator : creators) {
                Map<Long, String> mine = creator.get();
                created += mine.size();
                texts.putAll(mine);
            }
            Set<Long> ids = texts.keySet();
            assertThat(created).isEqualTo(THREADS * EACH);

            assertThat(ids).hasSize(THREADS * EACH).allSatisfy(id -> assertThat(id).isPositive().isLessThan(1L << 53));
            assertThat(ids).allSatisfy(id -> assertThat(id >> 2 & 1023).isEqualTo(WRITER));
            assertThat(api().get(ELEMENTS + "?limit=1000").json().get("count").asLong()).isEqualTo(THREADS * EACH);
            for (Map.Entry<Long, String> element : texts.entrySet()) {
                Api.Reply retrieved = api().get(ELEMENTS + element.getKey() + "/");
                assertThat(retrieved.status()).isEqualTo(200);
                assertThat(retrieved.json().get("id").asLong()).isEqualTo(element.getKey());
                assertThat(retrieved.json().get("text").asText()).isEqualTo(element.getValue());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
