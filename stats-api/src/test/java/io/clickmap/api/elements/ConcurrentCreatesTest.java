package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
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
        return Map.of("clickmap.element-writer-id", String.valueOf(WRITER));
    }

    @Test
    void eightThreadsCreatingAtOnceGetDistinctIdsBelowTwoToThe53CarryingTheConfiguredWriterAndEveryElementIsRetrievable()
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<CompletableFuture<List<Long>>> creators = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                creators.add(CompletableFuture.supplyAsync(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < EACH; i++) {
                        Api.Reply reply = api().send("POST", ELEMENTS, "{\"text\":\"thread " + thread + " #" + i + "\"}");
                        assertThat(reply.status()).isEqualTo(201);
                        ids.add(reply.json().get("id").asLong());
                    }
                    return ids;
                }, threads));
            }
            Set<Long> ids = new HashSet<>();
            for (CompletableFuture<List<Long>> creator : creators) {
                ids.addAll(creator.get());
            }

            assertThat(ids).hasSize(THREADS * EACH).allSatisfy(id -> assertThat(id).isPositive().isLessThan(1L << 53));
            assertThat(ids).allSatisfy(id -> assertThat(id >> 2 & 1023).isEqualTo(WRITER));
            assertThat(api().get(ELEMENTS + "?limit=1000").json().get("count").asLong()).isEqualTo(THREADS * EACH);
            for (long id : ids) {
                assertThat(api().get(ELEMENTS + id + "/").status()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
