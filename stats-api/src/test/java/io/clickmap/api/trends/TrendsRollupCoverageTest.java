package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database upgraded to the chainless rollup (V009) while it held clicks, and later to clicks_daily (V010),
 * daily_ids (V015) and chain_clicks_daily (V016): the days
 * of clicks stored before a rollup's migration was applied are not covered by that rollup, and trends read them from
 * another rollup that covers them or from the events — so the clicks a new rollup never saw still count. The upgrades
 * are played for real: clicks stored, the rollups' tables and ledger rows removed, the migrations applied again.
 */
@MicronautTest
class TrendsRollupCoverageTest extends ServiceTest {
    private static final String BUTTON = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"";
    private static final String SHOP = "https://shop.example.com/";
    private static final int LANDING_MIGRATION = 18;
    private static final String AUTOCAPTURE = "{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}";
    private static final String BUY_BUTTONS = "{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"properties\":[{\"type\":\"element\","
            + "\"key\":\"selector\",\"value\":\"button.buy\",\"operator\":\"exact\"}]}";

    @Inject
    ClickHouseSql sql;

    @Inject
    RollupCoverage coverage;

    private RollupCoverage.Coverage chainlessBeforeItsUpgrade;
    private RollupCoverage.Coverage chainlessBeforeTheClicksUpgrade;
    private RollupCoverage.Coverage clicksBeforeItsUpgrade;

    @BeforeAll
    void storeClicksThenUpgradeToTheChainlessRollupThenToClicksDaily() {
        // Before either rollup: clicks on the 1st and 2nd in environment 1 (two of each without a chain), on the 3rd in environment 2.
        Events older = new Events();
        for (String day : new String[] {"2025-06-01", "2025-06-02"}) {
            older.click(1, "$autocapture", BUTTON, SHOP, day + "T10:00:00Z").times(3);
            older.click(1, "$autocapture", "", SHOP, day + "T11:00:00Z").times(2);
        }
        older.click(2, "$autocapture", "", SHOP, "2025-06-03T10:00:00Z").times(4);
        older.insertInto(CLICKHOUSE);

        forget("chainless_clicks_daily", 9);
        forget("clicks_daily", 10);
        forget("daily_ids", 15);
        forget("chain_clicks_daily", 16);
        chainlessBeforeItsUpgrade = new RollupCoverage(sql).of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming());
        waitForTheNextSecondAfter("SELECT max(inserted_at) FROM events");
        Migrations.apply(sql, CLICKHOUSE.database());
        // Applying brings V010, V015 and V016 back as well: take them away again, as if they came later.
        forget("clicks_daily", 10);
        forget("daily_ids", 15);
        forget("chain_clicks_daily", 16);
        waitForTheNextSecondAfter("SELECT max(applied_at) FROM schema_migrations WHERE version = 9");
        chainlessBeforeTheClicksUpgrade = new RollupCoverage(sql).of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming());
        clicksBeforeItsUpgrade = new RollupCoverage(sql).of(RollupCoverage.CLICKS_ROLLUP_MIGRATION, 1, new ServerTiming());

        // Between the upgrades: clicks on the 3rd in environment 1.
        Events middle = new Events();
        middle.click(1, "$autocapture", BUTTON, SHOP, "2025-06-03T10:00:00Z").times(5);
        middle.click(1, "$autocapture", "", SHOP, "2025-06-03T11:00:00Z").times(6);
        middle.insertInto(CLICKHOUSE);
        waitForTheNextSecondAfter("SELECT max(inserted_at) FROM events");
        Migrations.apply(sql, CLICKHOUSE.database());
        waitForTheNextSecondAfter("SELECT max(applied_at) FROM schema_migrations WHERE version = 10");

        // After both: more clicks on the 2nd and 3rd, and clicks on the 4th, in environment 1.
        Events newer = new Events();
        newer.click(1, "$autocapture", BUTTON, SHOP, "2025-06-02T15:00:00Z").once();
        newer.click(1, "$autocapture", "", SHOP, "2025-06-02T16:00:00Z").once();
        newer.click(1, "$autocapture", BUTTON, SHOP, "2025-06-03T15:00:00Z").times(2);
        newer.click(1, "$autocapture", BUTTON, SHOP, "2025-06-04T10:00:00Z").times(7);
        newer.click(1, "$autocapture", "", SHOP, "2025-06-04T11:00:00Z").times(8);
        newer.insertInto(CLICKHOUSE);
    }

    /**
     * The database as it was before {@code rollup}'s migration: its view, its table and its ledger row gone. The
     * migration that moved every view onto events_landing goes too, so applying again creates the rollup and moves its
     * view as an upgrade from that older version would.
     */
    private void forget(String rollup, int migration) {
        CLICKHOUSE.sql("DROP TABLE IF EXISTS " + rollup + "_mv");
        CLICKHOUSE.sql("DROP TABLE IF EXISTS " + rollup + "_from_landing");
        CLICKHOUSE.sql("DROP TABLE " + rollup);
        CLICKHOUSE.sql("ALTER TABLE schema_migrations DELETE WHERE version IN (" + migration + ", " + LANDING_MIGRATION + ")");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> scalar(
                "SELECT count() FROM system.mutations WHERE database = currentDatabase() AND table = 'schema_migrations' AND is_done = 0").equals("0"));
    }

    private void waitForTheNextSecondAfter(String time) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> scalar("SELECT now() > (" + time + ")").equals("1"));
    }

    @Test
    void eachNewRollupHoldsOnlyTheClicksStoredAfterItExisted() {
        assertThat(scalar("SELECT sum(count) FROM chainless_clicks_daily WHERE team_id = 1")).isEqualTo("15");
        assertThat(scalar("SELECT count() FROM events WHERE team_id = 1 AND elements_chain = ''")).isEqualTo("19");
        assertThat(scalar("SELECT sum(count) FROM clicks_daily WHERE team_id = 1")).isEqualTo("19");
        assertThat(scalar("SELECT count() FROM events WHERE team_id = 1")).isEqualTo("40");
    }

    @Test
    void daysWithClicksStoredBeforeTheChainlessRollupExistedAreNotCoveredByIt() {
        RollupCoverage.Coverage environment = coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming());

        assertThat(environment.covers(LocalDate.parse("2025-06-01"))).isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-02"))).as("older and newer clicks").isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-03"))).isTrue();
        assertThat(environment.covers(LocalDate.parse("2025-06-05"))).as("no clicks at all").isTrue();
    }

    @Test
    void daysWithClicksStoredBeforeClicksDailyExistedAreNotCoveredByIt() {
        RollupCoverage.Coverage environment = coverage.of(RollupCoverage.CLICKS_ROLLUP_MIGRATION, 1, new ServerTiming());

        assertThat(environment.covers(LocalDate.parse("2025-06-01"))).isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-02"))).isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-03"))).as("stored between the upgrades").isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-04"))).isTrue();
        assertThat(environment.covers(LocalDate.parse("2025-06-05"))).as("no clicks at all").isTrue();
    }

    @Test
    void anotherEnvironmentsOlderClicksLeaveThisOnesDaysCovered() {
        assertThat(coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 2, new ServerTiming()).covers(LocalDate.parse("2025-06-03"))).isFalse();
        assertThat(coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming()).covers(LocalDate.parse("2025-06-03"))).isTrue();
        assertThat(coverage.of(RollupCoverage.CLICKS_ROLLUP_MIGRATION, 2, new ServerTiming()).covers(LocalDate.parse("2025-06-04"))).isTrue();
    }

    @Test
    void withoutARollupsMigrationInTheLedgerNoDayIsCoveredByIt() {
        assertThat(chainlessBeforeItsUpgrade.covers(LocalDate.parse("2025-06-04"))).isFalse();
        assertThat(chainlessBeforeItsUpgrade.covers(LocalDate.parse("2020-01-01"))).isFalse();
        assertThat(clicksBeforeItsUpgrade.covers(LocalDate.parse("2025-06-04"))).isFalse();
        assertThat(chainlessBeforeTheClicksUpgrade.covers(LocalDate.parse("2025-06-04"))).as("the other migration is there").isTrue();
    }

    @Test
    void aTrendWithoutElementFiltersReadsTheElementRollupsWhileClicksDailyCoversFewerOfItsDays() {
        JsonNode computed = trend(AUTOCAPTURE, "2025-06-01", "2025-06-05");

        assertThat(TrendsInsightTest.numbers(computed.get("result").get(0).get("data"))).containsExactly(5L, 7L, 13L, 15L, 0L);
        assertThat(computed.get("hogql").asText())
                .contains("(timestamp >= toDateTime('2025-06-01 00:00:00', 'UTC') AND timestamp <= toDateTime('2025-06-02 23:59:59', 'UTC'))")
                .contains("(day >= toDate('2025-06-03') AND day <= toDate('2025-06-05'))")
                .contains("FROM element_clicks_daily").doesNotContain("FROM clicks_daily");
    }

    @Test
    void aTrendWithoutElementFiltersReadsClicksDailyAloneWhereItCoversAsManyDays() {
        JsonNode computed = trend(AUTOCAPTURE, "2025-06-04", "2025-06-05");

        assertThat(TrendsInsightTest.numbers(computed.get("result").get(0).get("data"))).containsExactly(15L, 0L);
        assertThat(computed.get("hogql").asText()).contains("FROM clicks_daily")
                .doesNotContain("FROM element_clicks_daily").doesNotContain("FROM chainless_clicks_daily").doesNotContain("FROM events");
    }

    @Test
    void aTrendWithAnElementFilterReadsUncoveredDaysFromTheEventsAndCountsEveryClick() {
        JsonNode computed = trend(BUY_BUTTONS, "2025-06-01", "2025-06-05");

        assertThat(TrendsInsightTest.numbers(computed.get("result").get(0).get("data"))).containsExactly(3L, 4L, 7L, 7L, 0L);
        assertThat(computed.get("hogql").asText())
                .contains("(timestamp >= toDateTime('2025-06-01 00:00:00', 'UTC') AND timestamp <= toDateTime('2025-06-02 23:59:59', 'UTC'))")
                .contains("(day >= toDate('2025-06-03') AND day <= toDate('2025-06-05'))");
    }

    @Test
    void aTrendWithAnElementFilterReadsTheElementRollupsWhileChainClicksDailyCoversFewerOfItsDays() {
        JsonNode computed = trend(BUY_BUTTONS, "2025-06-01", "2025-06-05");

        assertThat(computed.get("hogql").asText()).contains("FROM element_clicks_daily").doesNotContain("FROM chain_clicks_daily");
    }

    @Test
    void aTrendWithAnElementFilterReadsChainClicksDailyWhereItCoversAsManyDays() {
        JsonNode computed = trend(BUY_BUTTONS, "2025-06-04", "2025-06-05");

        assertThat(TrendsInsightTest.numbers(computed.get("result").get(0).get("data"))).containsExactly(7L, 0L);
        assertThat(computed.get("hogql").asText()).contains("FROM chain_clicks_daily").contains("FROM chainless_clicks_daily")
                .doesNotContain("FROM element_clicks_daily").doesNotContain("FROM events");
    }

    @Test
    void aTrendWithANegatedElementFilterCountsTheChainlessClicksOfEveryDay() {
        JsonNode computed = trend("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"properties\":[{\"type\":\"element\",\"key\":\"tag_name\","
                + "\"value\":\"a\",\"operator\":\"exact\"}]}", "2025-06-01", "2025-06-05");
        JsonNode negated = trend("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"properties\":[{\"type\":\"element\",\"key\":\"tag_name\","
                + "\"value\":\"a\",\"operator\":\"is_not\"}]}", "2025-06-04", "2025-06-05");

        assertThat(TrendsInsightTest.numbers(computed.get("result").get(0).get("data"))).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(TrendsInsightTest.numbers(negated.get("result").get(0).get("data"))).containsExactly(15L, 0L);
        assertThat(negated.get("hogql").asText()).contains("FROM chain_clicks_daily");
    }

    @Test
    void distinctIdsOfDaysStoredBeforeDailyIdsExistedAreCountedFromTheEvents() {
        JsonNode computed = trend("{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"dau\"}", "2025-06-01", "2025-06-05");

        // every click of the fixture has an id of its own
        assertThat(TrendsInsightTest.numbers(computed.get("result").get(0).get("data"))).containsExactly(5L, 7L, 13L, 15L, 0L);
        assertThat(computed.get("hogql").asText())
                .contains("(timestamp >= toDateTime('2025-06-01 00:00:00', 'UTC') AND timestamp <= toDateTime('2025-06-03 23:59:59', 'UTC'))")
                .contains("FROM daily_ids").contains("(day >= toDate('2025-06-04') AND day <= toDate('2025-06-05'))");
    }

    /** The saved trend of {@code series} by day from {@code from} to {@code to}, computed; the reply's JSON. */
    private JsonNode trend(String series, String from, String to) {
        String query = "{\"kind\":\"TrendsQuery\",\"series\":[" + series + "],\"dateRange\":{\"date_from\":\"" + from + "\",\"date_to\":\"" + to + "\"}}";
        Api.Reply created = api().send("POST", TrendsInsightTest.INSIGHTS, "{\"name\":\"upgraded\",\"query\":" + query + "}");
        Api.Reply computed = api().get(TrendsInsightTest.INSIGHTS + created.json().get("id").asLong() + "/?refresh=force_blocking");
        assertThat(computed.header("Server-Timing").orElseThrow()).contains("trends;desc=\"rollup\"");
        return computed.json();
    }
}
