package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.clickmap.api.insights.InsightViews.View;
import io.clickmap.api.insights.ViewHistory.Ranked;
import io.clickmap.api.insights.ViewHistory.Seen;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which views count, whose, and in what order: {@link ViewHistory} on literal insights and views. */
class ViewHistoryTest {
    private static final long ADA = 11;
    private static final long GRACE = 12;
    private static final long LIN = 13;
    private static final long MAX = 14;
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private static Instant at(int hours) {
        return T0.plusSeconds(hours * 3_600L);
    }

    /** An insight created by {@code creator} at T0 - 1000 h (outside every window below), last modified at {@code modified}. */
    private static StoredInsight insight(long id, long creator, Instant modified) {
        return new StoredInsight(id, "short" + id, InsightFields.EMPTY, at(-1_000), creator,
                modified, creator, 1, creator, StoredInsight.Activity.CREATED);
    }

    private static List<Long> ids(List<Seen> seen) {
        return seen.stream().map(one -> one.insight().id()).toList();
    }

    @Test
    void anInsightsCreationIsItsCreatorsView() {
        StoredInsight one = insight(1, ADA, at(0));

        List<Seen> seen = ViewHistory.of(List.of(one), List.of()).lastViewedBy(ADA, 5);

        assertThat(seen).containsExactly(new Seen(one, at(-1_000)));
        assertThat(ViewHistory.of(List.of(one), List.of()).lastViewedBy(GRACE, 5)).isEmpty();
    }

    @Test
    void eachUsersNewestViewOfAnInsightWinsWhateverTheOrderOfTheRows() {
        StoredInsight one = insight(1, MAX, at(0));

        List<Seen> seen = ViewHistory.of(List.of(one), List.of(new View(1, ADA, at(5)), new View(1, ADA, at(9)), new View(1, ADA, at(7))))
                .lastViewedBy(ADA, 5);

        assertThat(seen).containsExactly(new Seen(one, at(9)));
    }

    @Test
    void viewsOfInsightsThatAreNotLiveAreLeftOut() {
        List<Seen> seen = ViewHistory.of(List.of(insight(1, MAX, at(0))), List.of(new View(2, ADA, at(5)), new View(1, ADA, at(4)))).lastViewedBy(ADA, 5);

        assertThat(ids(seen)).containsExactly(1L);
    }

    @Test
    void theLastViewedAreNewestFirstAtMostTheCountAndTiesByTheHigherId() {
        List<StoredInsight> live = List.of(insight(1, MAX, at(0)), insight(2, MAX, at(0)), insight(3, MAX, at(0)), insight(4, MAX, at(0)));
        List<View> views = List.of(new View(1, ADA, at(1)), new View(2, ADA, at(3)), new View(3, ADA, at(2)), new View(4, ADA, at(3)),
                new View(1, GRACE, at(9)));

        assertThat(ids(ViewHistory.of(live, views).lastViewedBy(ADA, 3))).containsExactly(4L, 2L, 3L);
    }

    @Test
    void trendingCountsUsersWithAViewInTheWindowTheBoundaryIncluded() {
        List<StoredInsight> live = List.of(insight(1, MAX, at(0)), insight(2, MAX, at(0)));
        List<View> views = List.of(new View(1, ADA, at(10)), new View(1, GRACE, at(9)), new View(1, ADA, at(11)), new View(2, LIN, at(8)),
                new View(2, ADA, at(7)));

        List<Ranked> ranked = ViewHistory.of(live, views).trending(at(8), 10);

        assertThat(ranked).extracting(one -> one.insight().id(), Ranked::viewCount).containsExactly(
                tuple(1L, 2), tuple(2L, 1));
        assertThat(ranked.get(1).recentViewers()).containsExactly(LIN);
    }

    @Test
    void insightsWithoutAViewInTheWindowAreNotTrending() {
        List<Ranked> ranked = ViewHistory.of(List.of(insight(1, MAX, at(0)), insight(2, MAX, at(0))), List.of(new View(1, ADA, at(3))))
                .trending(at(4), 10);

        assertThat(ranked).isEmpty();
    }

    @Test
    void equalCountsRankTheMostRecentlyModifiedFirstAndTheLimitCuts() {
        List<StoredInsight> live = List.of(insight(1, MAX, at(1)), insight(2, MAX, at(3)), insight(3, MAX, at(2)));
        List<View> views = List.of(new View(1, ADA, at(5)), new View(2, ADA, at(5)), new View(3, ADA, at(5)), new View(1, GRACE, at(5)));

        List<Ranked> ranked = ViewHistory.of(live, views).trending(at(4), 2);

        assertThat(ranked).extracting(one -> one.insight().id()).containsExactly(1L, 2L);
    }

    @Test
    void theViewersAreTheThreeLatestAndTheLastViewTheNewest() {
        List<View> views = List.of(new View(1, ADA, at(5)), new View(1, GRACE, at(8)), new View(1, LIN, at(6)), new View(1, MAX, at(7)));

        Ranked ranked = ViewHistory.of(List.of(insight(1, 99, at(0))), views).trending(at(0), 10).get(0);

        assertThat(ranked.viewCount()).isEqualTo(4);
        assertThat(ranked.recentViewers()).containsExactly(GRACE, MAX, LIN);
        assertThat(ranked.lastViewedAt()).isEqualTo(at(8));
    }
}
