package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The checker inside the service, every 300 ms here, against trends computed from events in the real ClickHouse:
 * an alert fires when its insight's last complete day breaks a bound and clears when the bound moves, a relative
 * increase fires once more events came, a total-value insight is held as a whole, a query Clickmap cannot compute
 * errs, and a disabled alert is left alone. Each test has an environment of its own; each waits for the checker.
 */
@MicronautTest
class AlertCheckerTest extends ServiceTest {
    private static final String CHAIN = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"";
    private static final String DAILY = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$autocapture\"}],\"interval\":\"day\",\"dateRange\":{\"date_from\":\"-30d\"}}}";
    private static final AtomicLong ENVIRONMENTS = new AtomicLong(100);

    @Inject
    EnvironmentStore environments;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.alert-check-interval", "300ms");
    }

    private long environment() {
        long id = ENVIRONMENTS.incrementAndGet();
        environments.save(new Environment(id, "Checked " + id, "phc_checked_" + id, Instant.now()));
        return id;
    }

    private void clicks(long environment, Instant at, int count) {
        new Events().click(environment, "$autocapture", CHAIN, "https://shop.example.com/", at).times(count).insertInto(CLICKHOUSE);
    }

    /** Noon of the day {@code back} days before today (UTC). */
    private static Instant daysAgo(int back) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(back, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
    }

    private long insight(long environment, String query) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/", "{\"name\":\"Buys\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private String alert(long environment, ObjectNode body) {
        Api.Reply created = api().send("POST", "/api/projects/" + environment + "/alerts/", body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return "/api/projects/" + environment + "/alerts/" + created.json().get("id").asText() + "/";
    }

    private static ObjectNode upperBound(long insight, int upper) {
        return (ObjectNode) Api.json("{\"insight\":" + insight + ",\"name\":\"Too many buys\",\"subscribed_users\":[],"
                + "\"threshold\":{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"upper\":" + upper + "}}},\"calculation_interval\":\"hourly\"}");
    }

    /** The alert once a check made after {@code since} shows {@code state}. */
    private JsonNode awaitState(String alert, Instant since, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api().get(alert).json(), json -> !json.get("last_checked_at").isNull()
                && !Instant.parse(json.get("last_checked_at").asText()).isBefore(since) && json.get("state").asText().equals(state));
    }

    @Test
    void anAlertFiresWhenTheLastCompleteDayBreaksItsBoundAndClearsWhenTheBoundIsRaised() {
        long environment = environment();
        clicks(environment, daysAgo(1), 5);
        clicks(environment, daysAgo(0).minus(11, ChronoUnit.HOURS), 9); // today, still running: not held
        Instant created = Instant.now();
        String alert = alert(environment, upperBound(insight(environment, DAILY), 3));

        JsonNode firing = awaitState(alert, created, "Firing");

        assertThat(firing.get("last_value").asDouble()).isEqualTo(5.0);
        JsonNode check = firing.get("checks").get(0);
        assertThat(check.get("state").asText()).isEqualTo("Firing");
        assertThat(check.get("calculated_value").asDouble()).isEqualTo(5.0);
        assertThat(check.get("interval").asText()).isEqualTo("day");
        assertThat(check.get("error").isNull()).isTrue();
        assertThat(Instant.parse(firing.get("next_check_at").asText())).as("hourly, from when it was due")
                .isEqualTo(Instant.parse(firing.get("created_at").asText()).plus(1, ChronoUnit.HOURS));

        Instant raised = Instant.now();
        JsonNode patched = api().send("PATCH", alert, "{\"threshold\":{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"upper\":10}}}}").json();
        assertThat(patched.get("state").asText()).as("a new threshold forgets the old state").isEqualTo("Not firing");
        assertThat(Instant.parse(patched.get("next_check_at").asText())).as("due at once").isBefore(Instant.now());

        JsonNode cleared = awaitState(alert, raised, "Not firing");

        assertThat(cleared.get("last_value").asDouble()).isEqualTo(5.0);
        assertThat(cleared.get("checks").findValuesAsText("state")).startsWith("Not firing", "Firing");
    }

    @Test
    void aRelativeIncreaseFiresOnceMoreEventsCame() {
        long environment = environment();
        clicks(environment, daysAgo(2), 4);
        clicks(environment, daysAgo(1), 5);
        ObjectNode body = upperBound(insight(environment, DAILY), 2);
        body.set("condition", Api.json("{\"type\":\"relative_increase\"}"));
        Instant created = Instant.now();
        String alert = alert(environment, body);

        JsonNode quiet = awaitState(alert, created, "Not firing");
        assertThat(quiet.get("last_value").asDouble()).as("5 after 4").isEqualTo(1.0);

        clicks(environment, daysAgo(1), 3);
        Instant changed = Instant.now();
        // A new interval makes the alert due at once, so the new events are seen now rather than in an hour.
        api().send("PATCH", alert, "{\"calculation_interval\":\"daily\"}");
        JsonNode firing = awaitState(alert, changed, "Firing");

        assertThat(firing.get("last_value").asDouble()).as("8 after 4").isEqualTo(4.0);
        assertThat(Instant.parse(firing.get("next_check_at").asText())).as("daily: after 01:00 tomorrow")
                .isAfter(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
    }

    @Test
    void aTotalValueInsightIsHeldAsAWholeOverItsOwnRange() {
        long environment = environment();
        clicks(environment, Instant.parse("2021-03-02T10:00:00Z"), 4);
        long insight = insight(environment, "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}],"
                + "\"trendsFilter\":{\"display\":\"BoldNumber\"},\"dateRange\":{\"date_from\":\"2021-03-01\",\"date_to\":\"2021-03-07\"}}");
        ObjectNode body = upperBound(insight, 100);
        body.set("threshold", Api.json("{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"lower\":5}}}"));
        Instant created = Instant.now();

        JsonNode firing = awaitState(alert(environment, body), created, "Firing");

        assertThat(firing.get("last_value").asDouble()).isEqualTo(4.0);
    }

    @Test
    void anAlertOnAQueryClickmapCannotComputeIsErroredAndSaysWhy() {
        long environment = environment();
        long insight = insight(environment, "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$pageview\"}]}");
        Instant created = Instant.now();

        JsonNode errored = awaitState(alert(environment, upperBound(insight, 3)), created, "Errored");

        assertThat(errored.get("last_value").isNull()).isTrue();
        assertThat(errored.get("checks").get(0).get("error").asText()).contains("$autocapture");
    }

    @Test
    void aDisabledAlertIsNeverChecked() {
        long environment = environment();
        long insight = insight(environment, DAILY);
        String disabled = alert(environment, upperBound(insight, 3).put("enabled", false));
        Instant created = Instant.now();

        awaitState(alert(environment, upperBound(insight, 3)), created, "Not firing");

        JsonNode untouched = api().get(disabled).json();
        assertThat(untouched.get("checks")).isEqualTo(Api.json("[]"));
        assertThat(untouched.get("next_check_at").isNull()).isTrue();
    }
}
