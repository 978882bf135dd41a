package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml against the running service: every documented operation exists, on both path families,
 * and answers a valid request with the success status the description lists for it. (Any documented status
 * would not do: a route that is missing answers 404, which the element operations document too.)
 */
@MicronautTest
class OpenApiDescriptionTest extends ServiceTest {
    private static final List<String> ORDER = List.of("post", "get", "patch", "delete");

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedOperationAnswersItsDocumentedSuccessStatusOnBothPathFamilies() throws IOException {
        Map<String, Object> description = new Yaml().load(Files.readString(Path.of("..", "docs", "openapi.yaml")));
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) description.get("paths");
        long documented = paths.values().stream().flatMap(operations -> ORDER.stream().filter(operations::containsKey)).count();
        assertThat(documented).as("documented operations").isGreaterThanOrEqualTo(8);
        int answered = 0;
        for (String family : List.of("/api/environments/", "/api/projects/")) {
            long elementId = api().send("POST", family + "1/elements/", "{\"tag_name\":\"a\"}").json().get("id").asLong();
            for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
                String concrete = path.getKey().replace("/api/environments/", family).replace("{id}", "1")
                        .replace("{elementId}", String.valueOf(elementId));
                for (String method : ORDER) {
                    Map<String, Object> operation = (Map<String, Object>) path.getValue().get(method);
                    if (operation == null) {
                        continue;
                    }
                    String query = path.getKey().endsWith("/values/") ? "?key=tag_name" : "";
                    Api.Reply reply = method.equals("post") || method.equals("patch")
                            ? api().send(method.toUpperCase(), concrete + query, "{}")
                            : api().send(method.toUpperCase(), concrete + query);
                    Map<Object, Object> responses = (Map<Object, Object>) operation.get("responses");
                    List<String> successes = responses.keySet().stream().map(String::valueOf).filter(status -> status.startsWith("2")).toList();
                    assertThat(successes).as("%s %s documents one success status", method, path.getKey()).hasSize(1);
                    assertThat(String.valueOf(reply.status())).as("%s %s answered: %s", method, concrete, reply.body())
                            .isEqualTo(successes.get(0));
                    answered++;
                }
            }
        }
        assertThat(answered).as("operations answered on the two path families").isEqualTo(2 * documented);
    }
}
