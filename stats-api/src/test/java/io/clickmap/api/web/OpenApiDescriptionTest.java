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
 * docs/openapi.yaml against the running service: every documented operation exists, on both path
 * families, and answers one of the statuses the description lists for it.
 */
@MicronautTest
class OpenApiDescriptionTest extends ServiceTest {
    private static final List<String> ORDER = List.of("post", "get", "patch", "delete");

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedOperationAnswersADocumentedStatusOnBothPathFamilies() throws IOException {
        Map<String, Object> description = new Yaml().load(Files.readString(Path.of("..", "docs", "openapi.yaml")));
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) description.get("paths");
        assertThat(paths).isNotEmpty();
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
                    assertThat(responses.keySet().stream().map(String::valueOf))
                            .as("%s %s answered %d: %s", method, concrete, reply.status(), reply.body())
                            .contains(String.valueOf(reply.status()));
                }
            }
        }
    }
}
