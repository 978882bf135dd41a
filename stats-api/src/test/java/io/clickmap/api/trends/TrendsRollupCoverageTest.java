package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database upgraded to the chainless rollup (V009) while it held clicks: the days of clicks stored before V009 was
 * applied are not covered, and trends read them from the events — so the clicks the new rollup never saw still count.
 * The upgrade is played for real: clicks stored, V009's tables and ledger row removed, the migrations applied again.
 */
@MicronautTest
class TrendsRollupCoverageTest extends ServiceTest {
    private static final String BUTTON = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"";
    private static final String SHOP = "https://shop.example.com/";

    @Inject
    ClickHouseSql sql;

    @Inject
    RollupCoverage coverage;

    private RollupCoverage.Coverage beforeTheUpgrade;

    @BeforeAll
    void storeClicksThenUpgradeToTheChainlessRollup() throws InterruptedException {
        // Before the upgrade: clicks on the 1st and 2nd in environment 1 (two of each without a chain), on the 3rd in environment 2.
        Events older = new Events();
        for (String day : new String[] {"2025-06-01", "2025-06-02"}) {
            older.click(1, "$autocapture", BUTTON, SHOP, day + "T10:00:00Z").times(3);
            older.click(1, "$autocapture", "", SHOP, day + "T11:00:00Z").times(2);
        }
        older.click(2, "$autocapture", "", SHOP, "2025-06-03T10:00:00Z").times(4);
        older.insertInto(CLICKHOUSE);

        CLICKHOUSE.sql("DROP TABLE chainless_clicks_daily_mv");
        CLICKHOUSE.sql("DROP TABLE chainless_clicks_daily");
        CLICKHOUSE.sql("ALTER TABLE schema_migrations DELETE WHERE version = 9");
        while (!scalar("SELECT count() FROM system.mutations WHERE database = currentDatabase() AND table = 'schema_migrations' AND is_done = 0")
                .equals("0")) {
            Thread.sleep(20);
        }
        beforeTheUpgrade = new RollupCoverage(sql).of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming());
        waitForTheNextSecondAfter("SELECT max(inserted_at) FROM events");
        Migrations.apply(sql, CLICKHOUSE.database());
        waitForTheNextSecondAfter("SELECT max(applied_at) FROM schema_migrations WHERE version = 9");

        // After it: more clicks on the 2nd, and clicks on the 3rd, in environment 1.
        Events newer = new Events();
        newer.click(1, "$autocapture", BUTTON, SHOP, "2025-06-02T15:00:00Z").once();
        newer.click(1, "$autocapture", "", SHOP, "2025-06-02T16:00:00Z").once();
        newer.click(1, "$autocapture", BUTTON, SHOP, "2025-06-03T10:00:00Z").times(5);
        newer.click(1, "$autocapture", "", SHOP, "2025-06-03T11:00:00Z").times(6);
        newer.insertInto(CLICKHOUSE);
    }

    private void waitForTheNextSecondAfter(String time) throws InterruptedException {
        while (!scalar("SELECT now() > (" + time + ")").equals("1")) {
            Thread.sleep(50);
        }
    }

    @Test
    void theNewRollupHoldsOnlyTheClicksStoredAfterItExisted() {
        assertThat(scalar("SELECT sum(count) FROM chainless_clicks_daily WHERE team_id = 1")).isEqualTo("7");
        assertThat(scalar("SELECT count() FROM events WHERE team_id = 1 AND elements_chain = ''")).isEqualTo("11");
    }

    @Test
    void daysWithClicksStoredBeforeTheChainlessRollupExistedAreNotCovered() {
        RollupCoverage.Coverage environment = coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming());

        assertThat(environment.covers(LocalDate.parse("2025-06-01"))).isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-02"))).as("older and newer clicks").isFalse();
        assertThat(environment.covers(LocalDate.parse("2025-06-03"))).isTrue();
        assertThat(environment.covers(LocalDate.parse("2025-06-04"))).as("no clicks at all").isTrue();
    }

    @Test
    void anotherEnvironmentsOlderClicksLeaveThisOnesDaysCovered() {
        assertThat(coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 2, new ServerTiming()).covers(LocalDate.parse("2025-06-03"))).isFalse();
        assertThat(coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, 1, new ServerTiming()).covers(LocalDate.parse("2025-06-03"))).isTrue();
    }

    @Test
    void withoutTheChainlessRollupInTheLedgerNoDayIsCovered() {
        assertThat(beforeTheUpgrade.covers(LocalDate.parse("2025-06-04"))).isFalse();
        assertThat(beforeTheUpgrade.covers(LocalDate.parse("2020-01-01"))).isFalse();
    }

    @Test
    void aTrendReadsUncoveredDaysFromTheEventsAndCountsEveryClick() {
        String query = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\"}],"
                + "\"dateRange\":{\"date_from\":\"2025-06-01\",\"date_to\":\"2025-06-04\"}}";
        Api.Reply created = api().send("POST", TrendsInsightTest.INSIGHTS, "{\"name\":\"upgraded\",\"query\":" + query + "}");
        Api.Reply computed = api().get(TrendsInsightTest.INSIGHTS + created.json().get("id").asLong() + "/?refresh=force_blocking");

        JsonNode item = computed.json().get("result").get(0);
        assertThat(TrendsInsightTest.numbers(item.get("data"))).containsExactly(5L, 7L, 11L, 0L);
        assertThat(computed.header("Server-Timing").orElseThrow()).contains("trends;desc=\"rollup\"");
        assertThat(computed.json().get("hogql").asText())
                .contains("(timestamp >= toDateTime('2025-06-01 00:00:00', 'UTC') AND timestamp <= toDateTime('2025-06-02 23:59:59', 'UTC'))")
                .contains("(day >= toDate('2025-06-03') AND day <= toDate('2025-06-04'))");
    }
}
