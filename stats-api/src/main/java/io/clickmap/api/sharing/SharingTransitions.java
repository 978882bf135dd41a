package io.clickmap.api.sharing;

import io.clickmap.api.sharing.SharingState.RetiredToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a write changes a share, as pure functions of the current state, the time and a token source. The token is
 * made by the first change and kept; a refresh replaces it and lets the old one work for the grace period;
 * disabling ends every link at once (the token is replaced, and no old one is kept), so enabling again never
 * brings back a link that was given out before, as PostHog does since it treated that as a leak.
 */
final class SharingTransitions {
    static final String ENABLED = "sharing enabled";
    static final String DISABLED = "sharing disabled";
    static final String UPDATED = "sharing updated";
    static final String REFRESHED = "access token refreshed";
    static final String PASSWORD_CREATED = "share password created";
    static final String PASSWORD_DELETED = "share password deleted";

    private SharingTransitions() {
    }

    /** The state after a change, and what it did, as the activity names it. */
    record Outcome(SharingState state, String activity) {
    }

    static Outcome patch(SharingState current, SharingChange change, Instant now, Supplier<String> tokens) {
        boolean enabled = change.enabled().or(current.enabled());
        boolean disables = current.enabled() && !enabled;
        String token = current.accessToken() == null || disables ? tokens.get() : current.accessToken();
        List<RetiredToken> retired = disables ? List.of() : live(current.retiredTokens(), now);
        SharingState next = new SharingState(current.createdAt() == null ? now : current.createdAt(), enabled, token,
                change.settingsJson().or(current.settingsJson()), change.passwordRequired().or(current.passwordRequired()), current.passwords(), retired);
        String activity = enabled == current.enabled() ? UPDATED : enabled ? ENABLED : DISABLED;
        return new Outcome(next, activity);
    }

    /** A new token; the old one, if any, keeps working for {@code grace} (PostHog makes the refreshed share anew, so its time is now). */
    static Outcome refresh(SharingState current, Instant now, Duration grace, Supplier<String> tokens) {
        List<RetiredToken> retired = new ArrayList<>(live(current.retiredTokens(), now));
        if (current.accessToken() != null && !grace.isZero()) {
            retired.add(new RetiredToken(current.accessToken(), now.plus(grace)));
        }
        SharingState next = new SharingState(now, current.enabled(), tokens.get(), current.settingsJson(), current.passwordRequired(),
                current.passwords(), retired);
        return new Outcome(next, REFRESHED);
    }

    /** A state whose token exists, for a first write that is not a PATCH (a password added to a never-shared insight). */
    static SharingState made(SharingState current, Instant now, Supplier<String> tokens) {
        if (current.accessToken() != null) {
            return current;
        }
        return new SharingState(now, current.enabled(), tokens.get(), current.settingsJson(), current.passwordRequired(), current.passwords(),
                current.retiredTokens());
    }

    private static List<RetiredToken> live(List<RetiredToken> retired, Instant now) {
        return retired.stream().filter(token -> token.until().isAfter(now)).toList();
    }
}
