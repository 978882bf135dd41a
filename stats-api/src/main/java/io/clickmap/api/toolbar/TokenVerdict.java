package io.clickmap.api.toolbar;

import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.Scopes;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a toolbar token may read now, as a pure decision over what is stored: the token (absent: unknown) and the
 * key that launched it (absent: deleted). Each refusal carries the 401's detail, which tells the toolbar's user what
 * to do: launch again.
 */
enum TokenVerdict {
    VALID(null),
    UNKNOWN("Invalid toolbar token; launch the toolbar again."),
    EXPIRED("Toolbar token expired; launch the toolbar again."),
    REVOKED("Toolbar token revoked; launch the toolbar again."),
    KEY_REVOKED("Toolbar token revoked: the API key that launched it was revoked or deleted; launch the toolbar again with a valid key.");

    private final String detail;

    TokenVerdict(String detail) {
        this.detail = detail;
    }

    String detail() {
        return detail;
    }

    static TokenVerdict of(Optional<ToolbarToken> stored, Optional<ApiKey> launcher, Instant now) {
        if (stored.isEmpty()) {
            return UNKNOWN;
        }
        ToolbarToken token = stored.get();
        if (token.revoked()) {
            return REVOKED;
        }
        if (!now.isBefore(token.expiresAt())) {
            return EXPIRED;
        }
        if (token.launchedByKey() && !launcherStillMay(launcher, token.environmentId())) {
            return KEY_REVOKED;
        }
        return VALID;
    }

    // A token is worth no more than the key behind it, which keeps its scopes but may lose its life.
    private static boolean launcherStillMay(Optional<ApiKey> launcher, long environmentId) {
        return launcher.isPresent() && !launcher.get().revoked() && launcher.get().allows(Scopes.ELEMENT_READ)
                && launcher.get().reaches(environmentId);
    }
}
