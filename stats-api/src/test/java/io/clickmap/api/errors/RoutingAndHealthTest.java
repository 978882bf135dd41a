package io.clickmap.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest
class RoutingAndHealthTest extends ServiceTest {
    private static final String NOT_FOUND = "{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}";

    @Test
    void unknownRoutesAnswerNotFoundInJson() {
        for (String path : new String[] {"/", "/api", "/api/environments/1/elements/abc/", "/api/environments/1/elements/stats/extra",
                "/api/teams/1/elements/stats/", "/nope?x=1"}) {
            Api.Reply reply = api().get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json()).as(path).isEqualTo(Api.json(NOT_FOUND));
        }
    }

    @Test
    void aWrongMethodAnswersMethodNotAllowedInJson() {
        String[][] wrong = {{"POST", "/api/environments/1/elements/stats/"}, {"DELETE", "/api/projects/1/elements/values/"}, {"PUT", "/health"}};
        for (String[] request : wrong) {
            Api.Reply reply = api().send(request[0], request[1]);
            assertThat(reply.status()).as(request[0] + " " + request[1]).isEqualTo(405);
            assertThat(reply.json()).as(request[0] + " " + request[1]).isEqualTo(Api.json("{\"type\":\"invalid_request\",\"code\":\"method_not_allowed\","
                    + "\"detail\":\"Method \\\"" + request[0] + "\\\" not allowed.\",\"attr\":null}"));
        }
    }

    @Test
    void healthAnswersUpWhenClickHouseAnswers() {
        Api.Reply reply = api().withKey(null).get("/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(Api.json("{\"status\":\"UP\",\"clickhouse\":\"UP\"}"));
    }

    @Test
    void aRequestLineBeyondTheLimitIsRefusedInJsonWithoutAServerError() {
        Api.Reply reply = api().raw("/api/environments/1/elements/stats/?properties=" + "a".repeat(70_000));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(Api.json(reply.body())).isEqualTo(Api.json(
                "{\"type\":\"invalid_request\",\"code\":\"request_entity_too_large\",\"detail\":\"Request Entity Too Large\",\"attr\":null}"));
    }
}
