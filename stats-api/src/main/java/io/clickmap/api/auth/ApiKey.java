package io.clickmap.api.auth;

import java.time.Instant;
import java.util.List;

/**
 * A personal API key as stored (never the key itself): whose it is, what it may do and which environments it
 * reaches. Every key belongs to a user, whom insights made with it name as their creator.
 */
public record ApiKey(
        String id,
        String label,
        long userId,
        List<String> scopes,
        boolean allEnvironments,
        List<Long> environments,
        Instant createdAt,
        boolean revoked) {

    public ApiKey {
        if (userId < 1) {
            throw new IllegalArgumentException("a key belongs to a user, not to user " + userId);
        }
        scopes = List.copyOf(scopes);
        environments = List.copyOf(environments);
    }

    /** Whether the key holds the scope; as in PostHog, {@code X:write} holds {@code X:read} too (who may change may read). */
    public boolean allows(String scope) {
        return scopes.contains(Scopes.ALL) || scopes.contains(scope)
                || scope.endsWith(Scopes.READ) && scopes.contains(scope.substring(0, scope.length() - Scopes.READ.length()) + Scopes.WRITE);
    }

    public boolean reaches(long environmentId) {
        return allEnvironments || environments.contains(environmentId);
    }

    public ApiKey asRevoked() {
        return new ApiKey(id, label, userId, scopes, allEnvironments, environments, createdAt, true);
    }
}
