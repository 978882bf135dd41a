package io.clickmap.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.insights.InsightActivitySource.Activity;
import io.clickmap.api.insights.InsightActivitySource.Change;
import io.clickmap.api.sharing.SharingLog.PasswordRef;
import io.clickmap.api.sharing.SharingLog.Written;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How sharing writes become activity entries, from literal writes: each against the one before it of the same insight. */
class SharingLogTest {
    private static final PasswordRef BOARD = new PasswordRef(7, "board");

    private static Written write(long insight, long version, String activity, boolean enabled, List<PasswordRef> passwords) {
        return new Written(insight, version, 42, activity, enabled, false, null, passwords);
    }

    @Test
    void anUpdateIsNamedAfterTheStateItLeavesAsPostHogNamesEveryPatch() {
        List<Activity> log = SharingLog.of(List.of(write(1, 10, SharingTransitions.ENABLED, true, List.of()),
                write(1, 20, SharingTransitions.UPDATED, true, List.of()), write(1, 30, SharingTransitions.UPDATED, false, List.of())));

        assertThat(log).extracting(Activity::activity).containsExactly("sharing enabled", "sharing enabled", "sharing disabled");
        assertThat(log.get(1).changes()).containsExactly(new Change("changed", "sharing", null, true));
        assertThat(log.get(2).at()).isEqualTo(Instant.ofEpochSecond(0, 30_000));
        assertThat(log.get(2).writtenBy()).isEqualTo(42);
    }

    @Test
    void aPasswordIsComparedWithTheSameInsightsWriteBeforeOnly() {
        List<Activity> log = SharingLog.of(List.of(write(1, 10, SharingTransitions.PASSWORD_CREATED, false, List.of(BOARD)),
                write(2, 11, SharingTransitions.PASSWORD_CREATED, false, List.of(BOARD)),
                write(2, 12, SharingTransitions.PASSWORD_DELETED, false, List.of())));

        assertThat(log.get(0).changes()).containsExactly(new Change("created", "share_password", null, BOARD));
        assertThat(log.get(1).changes()).as("insight 1's password is not insight 2's").containsExactly(new Change("created", "share_password", null, BOARD));
        assertThat(log.get(2).changes()).containsExactly(new Change("deleted", "share_password", BOARD, null));
    }

    @Test
    void aRefreshAndAnActivityThisVersionDoesNotKnowHaveNoChanges() {
        List<Activity> log = SharingLog.of(List.of(write(1, 10, SharingTransitions.REFRESHED, true, List.of()),
                write(1, 20, "sharing expired", true, List.of())));

        assertThat(log).extracting(Activity::activity).containsExactly("access token refreshed", "sharing expired");
        assertThat(log).allSatisfy(activity -> assertThat(activity.changes()).isNull());
    }
}
