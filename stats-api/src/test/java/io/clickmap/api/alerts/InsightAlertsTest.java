package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The insight object's {@code alerts}, on the real ClickHouse with the checker off: the live alerts on the insight, each
 * exactly as the alerts API answers it (checks and state included), on retrieve, update and the full list, in as many
 * reads per request whatever the page's length (the alerts, then their checks when there are some).
 */
@MicronautTest
class InsightAlertsTest extends ServiceTest {
    @Inject
    EnvironmentStore environments;
    @Inject
    AlertStore alerts;
    @Inject
    AlertCheckStore checks;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.alert-check-interval", "0s");
    }

    @BeforeAll
    void createEnvironments() {
        environments.save(new Environment(2, "Other", "phc_other", Instant.now()));
        environments.save(new Environment(3, "Listed", "phc_listed", Instant.now()));
    }

    private JsonNode insight(long environment, String name) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/",
                "{\"name\":\"" + name + "\",\"query\":" + AlertsApiTest.TRENDS + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("alerts")).as("a new insight has none").isEqualTo(Api.json("[]"));
        return created.json();
    }

    private JsonNode alert(long environment, JsonNode insight, String name) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/alerts/",
                AlertsApiTest.body(insight.get("id").asLong()).put("name", name).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode asTheAlertsApiAnswers(long environment, JsonNode alert) {
        Api.Reply reply = api().get("/api/environments/" + environment + "/alerts/" + alert.get("id").asText() + "/");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void anInsightListsItsLiveAlertsNewestFirstWithTheirChecksAsTheAlertsApiAnswersThem() {
        JsonNode insight = insight(1, "Watched twice");
        JsonNode older = alert(1, insight, "older");
        JsonNode newer = alert(1, insight, "newer");
        JsonNode deleted = alert(1, insight, "deleted");
        assertThat(api().send("DELETE", "/api/projects/1/alerts/" + deleted.get("id").asText() + "/").status()).isEqualTo(204);
        StoredAlert stored = alerts.find(1, older.get("id").asText(), new ServerTiming()).orElseThrow();
        Instant checked = Instant.parse(older.get("created_at").asText()).plusSeconds(60);
        checks.save(1, new AlertCheck(stored.id(), checked, stored.checkEpoch(), AlertState.NOT_FIRING, 12.5, "", checked.plus(Duration.ofHours(1)), "day"));
        Instant later = checked.plusSeconds(3600);
        checks.save(1, new AlertCheck(stored.id(), later, stored.checkEpoch(), AlertState.ERRORED, null, "the query failed",
                later.plus(Duration.ofHours(1)), "day"));

        String one = "/api/environments/1/insights/" + insight.get("id").asText() + "/";
        JsonNode retrieved = api().get(one).json();

        JsonNode expected = Api.json("[" + asTheAlertsApiAnswers(1, newer) + "," + asTheAlertsApiAnswers(1, older) + "]");
        assertThat(retrieved.get("alerts")).isEqualTo(expected);
        JsonNode watchedLonger = retrieved.get("alerts").get(1);
        assertThat(watchedLonger.get("state").asText()).as("from its newest check").isEqualTo("Errored");
        assertThat(watchedLonger.get("checks")).hasSize(2);
        assertThat(watchedLonger.get("checks").get(0).get("calculated_value").isNull()).isTrue();
        assertThat(watchedLonger.get("checks").get(1).get("calculated_value").asDouble()).isEqualTo(12.5);
        assertThat(watchedLonger.get("last_value").isNull()).as("the newest check's value").isTrue();
        assertThat(retrieved.get("alerts").get(0).get("insight").get("id").asLong()).isEqualTo(insight.get("id").asLong());

        String token = api().send("PATCH", one + "sharing/", "{\"enabled\":true}").json().get("access_token").asText();
        Api.Reply shared = api().withKey(null).get(one + "?sharing_access_token=" + token);
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        assertThat(shared.json().get("alerts")).as("a shared link shows no alerts").isEqualTo(Api.json("[]"));

        Api.Reply patched = api().send("PATCH", one, "{\"description\":\"still watched\"}");
        assertThat(patched.json().get("alerts")).hasSize(2);
        assertThat(patched.json().get("alerts").get(0).get("insight").get("description").asText()).as("the insight as it now is")
                .isEqualTo("still watched");
    }

    @Test
    void theFullListShowsEachRowsAlertsFromTheSameReadsWhateverThePagesLength() {
        JsonNode watched = insight(3, "Watched");
        JsonNode alert = alert(3, watched, "on the list");
        insight(3, "Unwatched");
        insight(3, "Also unwatched");
        String list = "/api/environments/3/insights/?order=created_at";

        JsonNode page = api().get(list).json();
        assertThat(page.get("results")).hasSize(3);
        assertThat(page.get("results").get(0).get("alerts")).isEqualTo(Api.json("[" + asTheAlertsApiAnswers(3, alert) + "]"));
        assertThat(page.get("results").get(1).get("alerts")).isEqualTo(Api.json("[]"));
        assertThat(page.get("results").get(2).get("alerts")).isEqualTo(Api.json("[]"));
        assertThat(api().get(list + "&basic=true").json().get("results").get(0).has("alerts")).as("not in the basic form").isFalse();

        String oneRow = api().get(list + "&limit=1").header("Server-Timing").orElseThrow();
        String threeRows = api().get(list + "&limit=3").header("Server-Timing").orElseThrow();
        assertThat(queries(threeRows)).as(threeRows).isEqualTo(queries(oneRow));
    }

    private static String queries(String serverTiming) {
        return serverTiming.replaceAll(".*clickhouse;dur=[0-9.]+;desc=\"([0-9]+) quer.*", "$1");
    }

    @Test
    void anotherEnvironmentsAlertIsNotListedOnThisEnvironmentsInsight() {
        JsonNode here = insight(1, "Here");
        JsonNode there = insight(2, "There");
        alert(2, there, "elsewhere");

        assertThat(api().get("/api/environments/1/insights/" + here.get("id").asText() + "/").json().get("alerts")).isEqualTo(Api.json("[]"));
        assertThat(api().get("/api/environments/2/insights/" + there.get("id").asText() + "/").json().get("alerts")).hasSize(1);
    }
}
