package io.clickmap.api.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How one insight is shared, as one stored version: enabled or not, its token, the tokens a refresh replaced and
 * until when each still works, the display settings (normalised JSON, null for none), and the passwords that
 * unlock a password-protected share. An insight never shared has no state ({@link #NONE}).
 */
record SharingState(
        Instant createdAt,
        boolean enabled,
        String accessToken,
        String settingsJson,
        boolean passwordRequired,
        List<SharePassword> passwords,
        List<RetiredToken> retiredTokens) {

    static final SharingState NONE = new SharingState(null, false, null, null, false, List.of(), List.of());

    SharingState {
        passwords = List.copyOf(passwords);
        retiredTokens = List.copyOf(retiredTokens);
    }

    /** A password as stored: its bcrypt hash, never the password. */
    record SharePassword(long id, String hash, String note, Instant createdAt, long createdBy) {
    }

    /** A token replaced by a refresh, working until {@code until}. */
    record RetiredToken(String token, Instant until) {
    }

    /** Whether {@code token} opens this share at {@code now}: it is enabled, and the token is its own or still in its grace. */
    boolean opensWith(String token, Instant now) {
        if (!enabled) {
            return false;
        }
        return token.equals(accessToken) || retiredTokens.stream().anyMatch(retired -> retired.token().equals(token) && retired.until().isAfter(now));
    }

    SharingState withPasswords(List<SharePassword> newPasswords) {
        return new SharingState(createdAt, enabled, accessToken, settingsJson, passwordRequired, newPasswords, retiredTokens);
    }

    SharingState withPassword(SharePassword added) {
        List<SharePassword> all = new ArrayList<>(passwords);
        all.add(added);
        return withPasswords(all);
    }
}
