package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostHog's alerts API and an insight's thresholds on the real ClickHouse, with the checker off (so every state is
 * the one a write leaves): the objects, paging, updates, deletion, each rule of the body, scopes, and another
 * environment's alerts and insights.
 */
@MicronautTest
class AlertsApiTest extends ServiceTest {
    static final String ALERTS = "/api/projects/1/alerts/";
    static final String TRENDS = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$autocapture\"}],\"interval\":\"day\"}}";
    private static final String BOLD = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$rageclick\"}],"
            + "\"trendsFilter\":{\"display\":\"BoldNumber\"}}";
    /** The alert object's keys, in PostHog's order. */
    static final List<String> FIELDS = List.of("id", "created_by", "created_at", "insight", "name", "subscribed_users", "threshold", "condition",
            "state", "enabled", "last_notified_at", "last_checked_at", "next_check_at", "checks", "config", "detector_config", "calculation_interval",
            "snoozed_until", "skip_weekend", "last_value");
    private static final String READER = "phx_alert_reader_only_abcdef";
    private static final String INSIGHTS_ONLY = "phx_insights_but_no_alerts_abc";

    @Inject
    ApiKeyStore keys;
    @Inject
    EnvironmentStore environments;

    long trends;
    long bold;
    long funnel;
    long otherEnvironments;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.alert-check-interval", "0s");
    }

    @BeforeAll
    void createInsightsAndKeys() {
        environments.save(new Environment(2, "Other", "phc_other", Instant.now()));
        keys.save(new ApiKey("reader", "reader", UserIds.BOOTSTRAP, List.of(Scopes.ALERT_READ), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(READER));
        keys.save(new ApiKey("insights", "insights", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ, Scopes.INSIGHT_WRITE), true, List.of(),
                Instant.now(), false), ApiKeySecrets.hash(INSIGHTS_ONLY));
        trends = insight(1, TRENDS);
        bold = insight(1, BOLD);
        funnel = insight(1, "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"FunnelsQuery\",\"series\":[]}}");
        otherEnvironments = insight(2, TRENDS);
    }

    private long insight(long environment, String query) {
        Api.Reply created = api().send("POST", "/api/environments/" + environment + "/insights/", "{\"name\":\"watched\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static ObjectNode body(long insight) {
        return (ObjectNode) Api.json("{\"insight\":" + insight + ",\"name\":\"Too many clicks\",\"subscribed_users\":[" + UserIds.BOOTSTRAP + "],"
                + "\"threshold\":{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"upper\":100}}},"
                + "\"condition\":{\"type\":\"absolute_value\"},\"calculation_interval\":\"hourly\","
                + "\"config\":{\"type\":\"TrendsAlertConfig\",\"series_index\":0}}");
    }

    private JsonNode create(String path, JsonNode body) {
        Api.Reply created = api().send("POST", path, body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static List<String> keys(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aCreatedAlertIsPostHogsObjectWithItsInsightItsUsersAndItsThreshold() {
        JsonNode alert = create(ALERTS, body(trends).put("state", "Firing").put("id", "mine"));

        assertThat(keys(alert)).containsExactlyElementsOf(FIELDS);
        assertThat(alert.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(alert.get("created_by").get("id").asLong()).isEqualTo(UserIds.BOOTSTRAP);
        assertThat(alert.get("insight").get("id").asLong()).as("the insight's basic form").isEqualTo(trends);
        assertThat(alert.get("insight").get("short_id").asText()).hasSize(8);
        assertThat(alert.get("subscribed_users").get(0).get("email").asText()).isEqualTo("bootstrap@clickmap.local");
        assertThat(keys(alert.get("threshold"))).containsExactly("id", "created_at", "name", "configuration");
        assertThat(alert.get("threshold").get("name").asText()).isEmpty();
        assertThat(alert.get("threshold").get("configuration")).isEqualTo(Api.json("{\"type\":\"absolute\",\"bounds\":{\"upper\":100}}"));
        assertThat(alert.get("condition")).isEqualTo(Api.json("{\"type\":\"absolute_value\"}"));
        assertThat(alert.get("state").asText()).as("read-only").isEqualTo("Not firing");
        assertThat(alert.get("enabled").asBoolean()).isTrue();
        assertThat(alert.get("last_checked_at").isNull()).isTrue();
        assertThat(alert.get("next_check_at").asText()).as("due at once").isEqualTo(alert.get("created_at").asText());
        assertThat(alert.get("checks")).isEqualTo(Api.json("[]"));
        assertThat(alert.get("config")).isEqualTo(Api.json("{\"type\":\"TrendsAlertConfig\",\"series_index\":0}"));
        assertThat(alert.get("calculation_interval").asText()).isEqualTo("hourly");
        assertThat(alert.get("last_value").isNull()).isTrue();
        assertThat(alert.get("last_notified_at").isNull() && alert.get("snoozed_until").isNull() && alert.get("detector_config").isNull()).isTrue();
        assertThat(alert.get("skip_weekend").asBoolean()).isFalse();
        assertThat(api().get(ALERTS + alert.get("id").asText() + "/").json()).isEqualTo(alert);
    }

    @Test
    void whatACreateLeavesOutTakesPostHogsDefaults() {
        ObjectNode minimal = (ObjectNode) Api.json("{\"insight\":\"" + trends + "\",\"subscribed_users\":[],"
                + "\"threshold\":{\"name\":\"ceiling\",\"configuration\":{\"type\":\"absolute\"}}}");

        JsonNode alert = create(ALERTS, minimal);

        assertThat(alert.get("name").asText()).isEmpty();
        assertThat(alert.get("subscribed_users")).isEqualTo(Api.json("[]"));
        assertThat(alert.get("threshold").get("name").asText()).isEqualTo("ceiling");
        assertThat(alert.get("condition")).isEqualTo(Api.json("{\"type\":\"absolute_value\"}"));
        assertThat(alert.get("calculation_interval").asText()).isEqualTo("daily");
        assertThat(alert.get("config")).isEqualTo(Api.json("{\"type\":\"TrendsAlertConfig\",\"series_index\":0}"));
    }

    @Test
    void theListIsPagedNewestFirstOnBothPathFamiliesAndFilteredByInsight() {
        long insight = insight(1, TRENDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(ALERTS, body(i < 2 ? insight : bold).put("name", "alert " + i)).get("id").asText());
        }

        JsonNode first = api().get("/api/environments/1/alerts/?insight=" + insight + "&limit=1").json();
        JsonNode second = api().get("/api/projects/1/alerts/?insight=" + insight + "&limit=1&offset=1").json();

        assertThat(first.get("count").asLong()).isEqualTo(2);
        assertThat(first.get("results").get(0).get("id").asText()).as("newest first").isEqualTo(ids.get(1));
        assertThat(first.get("next").asText()).endsWith("/api/environments/1/alerts/?insight=" + insight + "&limit=1&offset=1");
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(second.get("results").get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(api().get(ALERTS + "?insight_id=" + bold).json().get("results").findValuesAsText("id")).contains(ids.get(2))
                .doesNotContain(ids.get(0), ids.get(1));
        assertThat(api().get(ALERTS + "?insight=abc").json().get("attr").asText()).isEqualTo("insight");
    }

    @Test
    void aPatchChangesWhatItSendsAndAChangedThresholdMakesTheAlertDueAgain() {
        JsonNode alert = create(ALERTS, body(trends));
        String one = ALERTS + alert.get("id").asText() + "/";

        JsonNode renamed = api().send("PATCH", one, "{\"name\":\"Renamed\",\"enabled\":\"false\"}").json();
        JsonNode enabled = api().send("PATCH", one, "{\"enabled\":true}").json();
        JsonNode named = api().send("PATCH", one, "{\"name\":\"Named again\"}").json();
        JsonNode raised = api().send("PATCH", one, "{\"threshold\":{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"upper\":500}}}}").json();

        assertThat(renamed.get("name").asText()).isEqualTo("Renamed");
        assertThat(renamed.get("enabled").asBoolean()).isFalse();
        assertThat(renamed.get("next_check_at").isNull()).as("a disabled alert is not checked").isTrue();
        assertThat(renamed.get("threshold")).isEqualTo(alert.get("threshold"));
        assertThat(Instant.parse(enabled.get("next_check_at").asText())).isAfter(Instant.parse(alert.get("next_check_at").asText()));
        assertThat(named.get("next_check_at")).as("a name is nothing a check depends on").isEqualTo(enabled.get("next_check_at"));
        assertThat(Instant.parse(raised.get("next_check_at").asText())).isAfter(Instant.parse(named.get("next_check_at").asText()));
        assertThat(raised.get("threshold").get("id")).as("the same threshold, changed").isEqualTo(alert.get("threshold").get("id"));
        assertThat(raised.get("threshold").get("configuration").get("bounds").get("upper").asInt()).isEqualTo(500);
        assertThat(raised.get("name").asText()).isEqualTo("Named again");
        assertThat(api().get(one).json().get("threshold")).isEqualTo(raised.get("threshold"));
    }

    @Test
    void aPutNeedsWhatACreateNeeds() {
        String one = ALERTS + create(ALERTS, body(trends)).get("id").asText() + "/";

        Api.Reply partial = api().send("PUT", one, "{\"name\":\"x\"}");
        Api.Reply whole = api().send("PUT", one, body(trends).put("name", "Put").toString());

        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.json().get("attr").asText()).isEqualTo("insight");
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().get("name").asText()).isEqualTo("Put");
    }

    @Test
    void aDeletedAlertIsGoneWhileItsThresholdStaysWithoutIt() {
        long insight = insight(1, TRENDS);
        JsonNode alert = create(ALERTS, body(insight));
        String one = ALERTS + alert.get("id").asText() + "/";

        Api.Reply deleted = api().send("DELETE", one);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api().get(one).status()).isEqualTo(404);
        assertThat(api().send("PATCH", one, "{\"name\":\"back\"}").status()).isEqualTo(404);
        assertThat(api().send("DELETE", one).status()).isEqualTo(404);
        assertThat(api().get(ALERTS + "?insight=" + insight).json().get("count").asLong()).isZero();
        JsonNode thresholds = api().get("/api/projects/1/insights/" + insight + "/thresholds/").json();
        assertThat(thresholds.get("count").asLong()).isEqualTo(1);
        assertThat(thresholds.get("results").get(0).get("id")).isEqualTo(alert.get("threshold").get("id"));
        assertThat(thresholds.get("results").get(0).get("alerts")).isEqualTo(Api.json("[]"));
    }

    @Test
    void anInsightsThresholdsAreListedAndRetrievedWithTheirAlertsOnBothPathFamilies() {
        long insight = insight(1, TRENDS);
        JsonNode older = create(ALERTS, body(insight));
        JsonNode newer = create(ALERTS, body(insight).put("name", "newer"));
        String shortId = api().get("/api/projects/1/insights/" + insight + "/").json().get("short_id").asText();

        JsonNode page = api().get("/api/environments/1/insights/" + insight + "/thresholds/?limit=1").json();
        String thresholdId = older.get("threshold").get("id").asText();
        Api.Reply one = api().get("/api/projects/1/insights/" + shortId + "/thresholds/" + thresholdId + "/");

        assertThat(page.get("count").asLong()).isEqualTo(2);
        assertThat(page.get("next").asText()).endsWith("/api/environments/1/insights/" + insight + "/thresholds/?limit=1&offset=1");
        JsonNode first = page.get("results").get(0);
        assertThat(keys(first)).containsExactly("id", "created_at", "name", "configuration", "alerts");
        assertThat(first.get("id").asText()).as("oldest first").isEqualTo(thresholdId);
        assertThat(first.get("alerts").get(0)).isEqualTo(older);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(first);
        assertThat(api().get("/api/projects/1/insights/" + trends + "/thresholds/" + thresholdId + "/").status()).as("another insight's").isEqualTo(404);
        assertThat(api().get("/api/projects/1/insights/" + insight + "/thresholds/" + newer.get("id").asText() + "/").status())
                .as("an alert's id is no threshold's").isEqualTo(404);
    }

    @Test
    void eachRuleOfTheBodyIsA400NamingItsFieldAndStoresNothing() {
        String before = scalar("SELECT count() FROM alerts");
        assertInvalid("[1]", null, "The body must be a JSON object");
        assertInvalid("{}", "insight", "This field is required.");
        assertInvalid(body(trends).without("threshold"), "threshold", "This field is required.");
        assertInvalid(body(trends).without("subscribed_users"), "subscribed_users", "This field is required.");
        assertInvalid(body(trends).put("insight", "abc"), "insight", "Invalid pk \"abc\" - object does not exist.");
        assertInvalid(body(trends).put("insight", true), "insight", "Incorrect type. Expected pk value, received bool.");
        assertInvalid(body(987654321), "insight", "Invalid pk \"987654321\" - object does not exist.");
        assertInvalid(body(otherEnvironments), "insight", "Invalid pk \"" + otherEnvironments + "\" - object does not exist.");
        assertInvalid(body(funnel), "insight", "Alerts are not supported for this insight.");
        assertInvalid(body(trends).put("name", "n".repeat(256)), "name", "Ensure this field has no more than 255 characters.");
        assertInvalid(body(trends).put("enabled", "maybe"), "enabled", "Must be a valid boolean.");
        assertInvalid(body(trends).set("threshold", Api.json("[]")), "threshold", "Invalid data. Expected a dictionary, but got list.");
        assertInvalid(body(trends).set("threshold", Api.json("{\"configuration\":{\"type\":\"relative\"}}")), "threshold",
                "Invalid threshold configuration: type must be one of absolute, percentage.");
        assertInvalid(body(trends).set("threshold", Api.json("{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"uper\":1}}}")), "threshold",
                "Invalid threshold configuration: bounds has no field \"uper\".");
        assertInvalid(body(trends).set("threshold", Api.json("{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"lower\":5,\"upper\":1}}}")),
                "threshold", "Lower threshold must be less than upper threshold");
        assertInvalid(body(trends).set("threshold", Api.json("{\"name\":\"no configuration\"}")), "threshold", "configuration is required");
        assertInvalid(body(trends).put("subscribed_users", "1"), "subscribed_users", "Expected a list of items but got type \"str\".");
        assertInvalid(body(trends).set("subscribed_users", Api.json("[424242]")), "subscribed_users", "Invalid pk \"424242\" - object does not exist.");
        assertInvalid(body(trends).set("condition", Api.json("{\"type\":\"bigger\"}")), "condition", "Alert has invalid condition");
        assertInvalid(body(trends).put("calculation_interval", "yearly"), "calculation_interval", "\"yearly\" is not a valid choice");
        assertInvalid(body(trends).set("config", Api.json("{\"type\":\"FunnelsAlertConfig\"}")), "config", "Unsupported alert config type");
        assertInvalid(body(trends).set("config", Api.json("{\"type\":\"TrendsAlertConfig\",\"series_index\":-1}")), "config",
                "Alert has invalid TrendsAlertConfig");
        assertInvalid(body(trends).set("config", Api.json("{\"type\":\"TrendsAlertConfig\",\"series_index\":1}")), "config",
                "series_index 1 is out of range (query has 1 series)");
        assertInvalid(body(trends).set("threshold", Api.json("{\"configuration\":{\"type\":\"percentage\",\"bounds\":{\"upper\":1}}}")), "threshold",
                "Absolute value alerts require an absolute threshold");
        assertInvalid(body(bold).set("condition", Api.json("{\"type\":\"relative_increase\"}")), "condition",
                "Relative alert condition 'relative_increase' is not compatible with non time series trends");
        assertInvalid(body(trends).<ObjectNode>set("config", Api.json("{\"type\":\"TrendsAlertConfig\",\"series_index\":0,\"check_ongoing_interval\":true}"))
                .set("threshold", Api.json("{\"configuration\":{\"type\":\"absolute\",\"bounds\":{\"lower\":1}}}")), "config",
                "check_ongoing_interval is only supported for alert condition absolute_value when upper threshold is specified");
        assertInvalid(body(trends).put("snoozed_until", "2030-01-01"), "snoozed_until", "does not snooze");
        assertInvalid(body(trends).put("skip_weekend", true), "skip_weekend", "every day");
        assertThat(scalar("SELECT count() FROM alerts")).isEqualTo(before);
        assertThat(api().send("POST", ALERTS, body(trends).put("skip_weekend", false).putNull("snoozed_until").toString()).status()).isEqualTo(201);
    }

    @Test
    void aPatchIsHeldToTheRulesAsAWhole() {
        String one = ALERTS + create(ALERTS, body(trends)).get("id").asText() + "/";

        Api.Reply percentage = api().send("PATCH", one, "{\"threshold\":{\"configuration\":{\"type\":\"percentage\",\"bounds\":{\"upper\":1}}}}");
        Api.Reply relative = api().send("PATCH", one, "{\"condition\":{\"type\":\"relative_increase\"},"
                + "\"threshold\":{\"configuration\":{\"type\":\"percentage\",\"bounds\":{\"upper\":1}}}}");

        assertThat(percentage.json().get("attr").asText()).isEqualTo("threshold");
        assertThat(relative.status()).as(relative.body()).isEqualTo(200);
        assertThat(relative.json().get("condition")).isEqualTo(Api.json("{\"type\":\"relative_increase\"}"));
    }

    private void assertInvalid(Object body, String attr, String detail) {
        Api.Reply reply = api().send("POST", ALERTS, body.toString());
        assertThat(reply.status()).as(body + ": " + reply.body()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("validation_error");
        assertThat(reply.json().get("attr").isNull() ? null : reply.json().get("attr").asText()).as(reply.body()).isEqualTo(attr);
        assertThat(reply.json().get("detail").asText()).contains(detail);
    }

    @Test
    void readingNeedsAlertReadAndWritingAlertWrite() {
        String id = create(ALERTS, body(trends)).get("id").asText();
        Api reader = api().withKey(READER);

        assertThat(api().withKey(null).get(ALERTS).status()).isEqualTo(401);
        assertThat(api().withKey(INSIGHTS_ONLY).get(ALERTS).json().get("detail").asText()).isEqualTo("This API key lacks the scope alert:read.");
        assertThat(api().withKey(INSIGHTS_ONLY).get("/api/projects/1/insights/" + trends + "/thresholds/").status()).isEqualTo(403);
        assertThat(reader.get(ALERTS).status()).isEqualTo(200);
        assertThat(reader.get(ALERTS + id + "/").status()).isEqualTo(200);
        assertThat(reader.get("/api/environments/1/insights/" + trends + "/thresholds/").status()).isEqualTo(200);
        for (String[] write : new String[][] {{"POST", ALERTS}, {"PATCH", ALERTS + id + "/"}, {"PUT", ALERTS + id + "/"}, {"DELETE", ALERTS + id + "/"}}) {
            Api.Reply denied = reader.send(write[0], write[1], body(trends).toString());
            assertThat(denied.status()).as(write[0]).isEqualTo(403);
            assertThat(denied.json().get("detail").asText()).isEqualTo("This API key lacks the scope alert:write.");
        }
        assertThat(reader.get("/api/projects/2/alerts/").status()).as("an environment the key does not reach").isEqualTo(403);
    }

    @Test
    void anotherEnvironmentsAlertsAndInsightsAreNotFound() {
        String theirs = create("/api/environments/2/alerts/", body(otherEnvironments)).get("id").asText();
        String ours = ALERTS + theirs + "/";

        assertThat(api().get(ours).status()).isEqualTo(404);
        assertThat(api().send("PATCH", ours, "{\"name\":\"mine\"}").status()).isEqualTo(404);
        assertThat(api().send("DELETE", ours).status()).isEqualTo(404);
        assertThat(api().get(ALERTS).json().get("results").findValuesAsText("id")).doesNotContain(theirs);
        assertThat(api().get("/api/projects/2/alerts/" + theirs + "/").status()).isEqualTo(200);
        assertThat(api().get("/api/projects/1/insights/" + otherEnvironments + "/thresholds/").status()).isEqualTo(404);
        assertThat(api().get(ALERTS + "not-a-uuid/").json().get("code").asText()).isEqualTo("not_found");
    }
}
