package io.clickmap.capture.tokens;

import io.clickmap.capture.errors.Rejection;
import io.clickmap.event.Environments;
import jakarta.inject.Singleton;

/**
 * Whether a project token belongs to an environment (ClickHouse's {@code environments} table, cached).
 * ClickHouse being down is capture's problem, not the client's: a 503, so the SDK keeps its events and retries.
 */
@Singleton
public class ProjectTokens {
    private final Environments environments;

    ProjectTokens(Environments environments) {
        this.environments = environments;
    }

    public boolean known(String token) {
        try {
            return environments.byToken(token).isPresent();
        } catch (RuntimeException e) {
            throw Rejection.unavailable("environments_unavailable", "The project tokens cannot be checked right now; retry.");
        }
    }

    /** Throws the 401 for an unknown token. */
    public void require(String token) {
        if (!known(token)) {
            throw Rejection.unknownToken();
        }
    }
}
