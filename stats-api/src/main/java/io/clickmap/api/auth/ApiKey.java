package io.clickmap.api.auth;

import java.time.Instant;
import java.util.List;

/** A personal API key as stored (never the key itself): what it may do and which environments it reaches. */
public record ApiKey(
        String id,
        String label,
        List<String> scopes,
        boolean allEnvironments,
        List<Long> environments,
        Instant createdAt,
        boolean revoked) {

    public ApiKey {
        scopes = List.copyOf(scopes);
        environments = List.copyOf(environments);
    }

    public boolean allows(String scope) {
        return scopes.contains(Scopes.ALL) || scopes.contains(scope);
    }

    public boolean reaches(long environmentId) {
        return allEnvironments || environments.contains(environmentId);
    }

    public ApiKey asRevoked() {
        return new ApiKey(id, label, scopes, allEnvironments, environments, createdAt, true);
    }
}
