package io.clickmap.api.toolbar;

import java.time.Instant;

/**
 * A toolbar token as stored (never the token itself): the environment it reads, the key that launched it ({@link #CLI}
 * when the admin CLI did), when it ends, and whether it was revoked before that.
 */
record ToolbarToken(String tokenHash, long environmentId, String keyId, Instant createdAt, Instant expiresAt, boolean revoked) {
    /** The {@code key_id} of a token the admin CLI launched: no key, so only its expiry or {@code toolbar revoke} ends it. */
    static final String CLI = "";

    boolean launchedByKey() {
        return !keyId.equals(CLI);
    }
}
