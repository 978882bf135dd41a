package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.EnvironmentId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml against the running service: every documented operation exists, on both path families,
 * and answers a valid request with the success status the description lists for it (any documented status
 * would not do: a missing route answers 404, which the element operations document too), and 401 without a
 * key where it needs one. A body is the request body's documented example, or {@code {}}. The bounds and names it gives are checked against the code by the OpenApi*Test of
 * each endpoint's package.
 */
@MicronautTest
class OpenApiDescriptionTest extends ServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ORDER = List.of("post", "get", "patch", "put", "delete");
    // An insight that alerts may watch, and an alert on it, so that the alert and threshold paths name real ones.
    private static final String TRENDS = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}]}";
    private static final String ALERT = "{\"insight\":{insightId},\"subscribed_users\":[],\"threshold\":{\"configuration\":{\"type\":\"absolute\"}}}";

    @Test
    void everyDocumentedOperationAnswersItsDocumentedSuccessStatusOnBothPathFamilies() throws IOException {
        assertEveryOperationAnswers(api(), null);
    }

    @Test
    void everyOperationThatNeedsAKeyAnswers401WithoutOne() throws IOException {
        assertEveryOperationAnswers(api().withKey(null), 401);
    }

    @Test
    void pointsAtItsProseContractInDocsAndAtNothingUnderShared() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();

        assertThat(openApi.text()).doesNotContain("shared/").contains("The contract in prose: docs/elements-api.md and docs/insights-api.md.");
    }

    @Test
    void environmentIdsStartWhereThePathParserDoes() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();
        Map<String, Object> environment = openApi.map(openApi.list(openApi.operation("/api/environments/{id}/elements/stats/", "get"), "parameters").get(0));

        assertThat(environment).containsEntry("name", "id");
        assertThat(OpenApiDocument.integer(openApi.map(environment, "schema"), "minimum")).isEqualTo(EnvironmentId.MIN);
    }

    /**
     * Calls every documented operation on both path families. Without {@code expected}, each must answer its one
     * documented success status; with it, only the operations that need a key are called, and each must answer
     * {@code expected}, a status it documents.
     */
    @SuppressWarnings("unchecked")
    private void assertEveryOperationAnswers(Api caller, Integer expected) throws IOException {
        Map<String, Object> paths = OpenApiDocument.read().paths();
        long documented = paths.values().stream()
                .flatMap(operations -> ORDER.stream().map(method -> (Map<String, Object>) ((Map<String, Object>) operations).get(method)))
                .filter(operation -> operation != null && !(expected != null && List.of().equals(operation.get("security"))))
                .count();
        assertThat(documented).as("documented operations").isGreaterThanOrEqualTo(expected == null ? 17 : 16);
        int answered = 0;
        for (String family : List.of("/api/environments/", "/api/projects/")) {
            long elementId = api().send("POST", family + "1/elements/", "{\"tag_name\":\"a\"}").json().get("id").asLong();
            long insightId = api().send("POST", family + "1/insights/", "{\"name\":\"a\",\"query\":" + TRENDS + "}").json().get("id").asLong();
            JsonNode alert = api().send("POST", family + "1/alerts/", ALERT.replace("{insightId}", String.valueOf(insightId))).json();
            String sharing = family + "1/insights/" + insightId + "/sharing/";
            api().send("PATCH", sharing, "{\"password_required\":true}");
            String passwordId = api().send("POST", sharing + "passwords/", "{}").json().get("id").asText();
            for (Map.Entry<String, Object> path : paths.entrySet()) {
                String concrete = path.getKey().replace("/api/environments/", family).replace("{id}", "1")
                        .replace("{elementId}", String.valueOf(elementId)).replace("{insightId}", String.valueOf(insightId))
                        .replace("{alertId}", alert.get("id").asText()).replace("{thresholdId}", alert.get("threshold").get("id").asText())
                        .replace("{passwordId}", passwordId);
                for (String method : ORDER) {
                    Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get(method);
                    if (operation == null || expected != null && List.of().equals(operation.get("security"))) {
                        continue;
                    }
                    String query = path.getKey().endsWith("/values/") ? "?key=tag_name" : "";
                    Api.Reply reply = method.equals("post") || method.equals("patch") || method.equals("put")
                            ? caller.send(method.toUpperCase(), concrete + query, exampleBody(operation).replace("{insightId}", String.valueOf(insightId)))
                            : caller.send(method.toUpperCase(), concrete + query);
                    Map<Object, Object> responses = (Map<Object, Object>) operation.get("responses");
                    List<String> statuses = responses.keySet().stream().map(String::valueOf).toList();
                    if (expected != null) {
                        assertThat(reply.status()).as("%s %s: %s", method, concrete, reply.body()).isEqualTo(expected);
                        assertThat(statuses).as("%s %s documents %d", method, path.getKey(), expected).contains(String.valueOf(expected));
                    } else {
                        // an operation that never succeeds (an insight's DELETE) documents 405 as its answer instead
                        List<String> successes = statuses.stream().filter(status -> status.startsWith("2")).toList();
                        if (successes.isEmpty()) {
                            successes = statuses.stream().filter(status -> status.equals("405")).toList();
                        }
                        assertThat(successes).as("%s %s documents one success status", method, path.getKey()).hasSize(1);
                        assertThat(String.valueOf(reply.status())).as("%s %s answered: %s", method, concrete, reply.body())
                                .isEqualTo(successes.get(0));
                    }
                    answered++;
                }
            }
        }
        assertThat(answered).as("operations answered on the two path families").isEqualTo(2 * documented);
    }

    /** The request body's documented example, which must then work as documented, or an empty object. */
    @SuppressWarnings("unchecked")
    private static String exampleBody(Map<String, Object> operation) throws IOException {
        Map<String, Object> requestBody = (Map<String, Object>) operation.get("requestBody");
        Map<String, Object> json = requestBody == null ? null
                : (Map<String, Object>) ((Map<String, Object>) requestBody.get("content")).get("application/json");
        return json == null || !json.containsKey("example") ? "{}" : JSON.writeValueAsString(json.get("example"));
    }
}
