package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.util.RawValue;
import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.insights.InsightActivitySource.Activity;
import io.clickmap.api.insights.InsightActivitySource.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sharing writes as the insights' activity log shows them, each against the one before it, as PostHog logs them: a
 * change of the configuration ({@code PATCH}) is {@code sharing enabled} or {@code sharing disabled} after the state it
 * leaves, with the change of {@code sharing} (its {@code before} null, as PostHog's); a refresh is
 * {@code access token refreshed} without changes (the token is never logged). Clickmap adds what PostHog leaves out:
 * the changes of {@code password_required} and {@code settings} of a {@code PATCH}, and a password created or deleted,
 * shown by its id and note only.
 */
final class SharingLog {
    /** The activities the log shows for sharing ({@code sharing updated} is shown as enabled or disabled). */
    static final List<String> ACTIVITIES = List.of(SharingTransitions.ENABLED, SharingTransitions.DISABLED, SharingTransitions.REFRESHED,
            SharingTransitions.PASSWORD_CREATED, SharingTransitions.PASSWORD_DELETED);
    static final String CREATED = "created";
    static final String DELETED = "deleted";
    private static final String CHANGED = "changed";
    private static final String SHARING = "sharing";
    private static final String PASSWORD = "share_password";

    private SharingLog() {
    }

    /** A stored sharing write, without its token or password hashes. */
    record Written(long insightId, long version, long writtenBy, String activity, boolean enabled, boolean passwordRequired,
                   String settingsJson, List<PasswordRef> passwords) {
    }

    /** A share password as the log names it. */
    record PasswordRef(long id, String note) {
    }

    /** The entries of these writes, given oldest first for each insight. */
    static List<Activity> of(List<Written> writes) {
        List<Activity> log = new ArrayList<>();
        Written previous = null;
        for (Written write : writes) {
            Written before = previous != null && previous.insightId() == write.insightId() ? previous : null;
            previous = write;
            log.add(entry(before, write));
        }
        return log;
    }

    private static Activity entry(Written before, Written write) {
        boolean configured = switch (write.activity()) {
            case SharingTransitions.ENABLED, SharingTransitions.DISABLED, SharingTransitions.UPDATED -> true;
            default -> false;
        };
        String activity = !configured ? write.activity() : write.enabled() ? SharingTransitions.ENABLED : SharingTransitions.DISABLED;
        List<Change> changes = switch (write.activity()) {
            case SharingTransitions.PASSWORD_CREATED -> added(before, write).stream()
                    .map(password -> new Change(CREATED, PASSWORD, null, password)).toList();
            case SharingTransitions.PASSWORD_DELETED -> added(write, before).stream()
                    .map(password -> new Change(DELETED, PASSWORD, password, null)).toList();
            default -> configured ? configured(before, write) : null;
        };
        return new Activity(write.insightId(), write.version(), Micros.instant(write.version()), write.writtenBy(), activity, changes);
    }

    private static List<Change> configured(Written before, Written write) {
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(CHANGED, SHARING, null, write.enabled()));
        boolean passwordRequired = before != null && before.passwordRequired();
        if (passwordRequired != write.passwordRequired()) {
            changes.add(new Change(CHANGED, "password_required", passwordRequired, write.passwordRequired()));
        }
        String settings = before == null ? null : before.settingsJson();
        if (!Objects.equals(settings, write.settingsJson())) {
            changes.add(new Change(CHANGED, "settings", json(settings), json(write.settingsJson())));
        }
        return changes;
    }

    /** The passwords of {@code after} that {@code before} lacks (a null write has none). */
    private static List<PasswordRef> added(Written before, Written after) {
        if (after == null) {
            return List.of();
        }
        List<PasswordRef> had = before == null ? List.of() : before.passwords();
        return after.passwords().stream().filter(password -> had.stream().noneMatch(old -> old.id() == password.id())).toList();
    }

    private static RawValue json(String settingsJson) {
        return settingsJson == null ? null : new RawValue(settingsJson);
    }
}
