package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.EnvironmentId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml against the running service: every documented operation exists, on both path
 * families, and answers one of the statuses the description lists for it, with the key and without one.
 * The bounds and names it gives are checked against the code by the OpenApi*Test of each endpoint's package.
 */
@MicronautTest
class OpenApiDescriptionTest extends ServiceTest {
    private static final List<String> ORDER = List.of("post", "get", "patch", "delete");

    @Test
    void everyDocumentedOperationAnswersADocumentedStatusOnBothPathFamilies() throws IOException {
        assertEveryOperationAnswersADocumentedStatus(api(), null);
    }

    @Test
    void everyOperationThatNeedsAKeyDocumentsTheAnswerWithoutOne() throws IOException {
        assertEveryOperationAnswersADocumentedStatus(api().withKey(null), 401);
    }

    @Test
    void pointsAtItsProseContractInDocsAndAtNothingUnderShared() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();

        assertThat(openApi.text()).doesNotContain("shared/").contains("The contract in prose: docs/elements-api.md.");
    }

    @Test
    void environmentIdsStartWhereThePathParserDoes() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();
        Map<String, Object> environment = openApi.map(openApi.list(openApi.operation("/api/environments/{id}/elements/stats/", "get"), "parameters").get(0));

        assertThat(environment).containsEntry("name", "id");
        assertThat(OpenApiDocument.integer(openApi.map(environment, "schema"), "minimum")).isEqualTo(EnvironmentId.MIN);
    }

    /** With {@code expected} set, only the operations that need a key are called, and each must answer it. */
    @SuppressWarnings("unchecked")
    private void assertEveryOperationAnswersADocumentedStatus(Api caller, Integer expected) throws IOException {
        Map<String, Object> paths = OpenApiDocument.read().paths();
        assertThat(paths).isNotEmpty();
        for (String family : List.of("/api/environments/", "/api/projects/")) {
            long elementId = api().send("POST", family + "1/elements/", "{\"tag_name\":\"a\"}").json().get("id").asLong();
            for (Map.Entry<String, Object> path : paths.entrySet()) {
                String concrete = path.getKey().replace("/api/environments/", family).replace("{id}", "1")
                        .replace("{elementId}", String.valueOf(elementId));
                for (String method : ORDER) {
                    Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get(method);
                    if (operation == null || expected != null && List.of().equals(operation.get("security"))) {
                        continue;
                    }
                    String query = path.getKey().endsWith("/values/") ? "?key=tag_name" : "";
                    Api.Reply reply = method.equals("post") || method.equals("patch")
                            ? caller.send(method.toUpperCase(), concrete + query, "{}")
                            : caller.send(method.toUpperCase(), concrete + query);
                    if (expected != null) {
                        assertThat(reply.status()).as("%s %s: %s", method, concrete, reply.body()).isEqualTo(expected);
                    }
                    Map<Object, Object> responses = (Map<Object, Object>) operation.get("responses");
                    assertThat(responses.keySet().stream().map(String::valueOf))
                            .as("%s %s answered %d: %s", method, concrete, reply.status(), reply.body())
                            .contains(String.valueOf(reply.status()));
                }
            }
        }
    }
}
