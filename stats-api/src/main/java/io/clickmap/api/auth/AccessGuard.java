package io.clickmap.api.auth;

import io.clickmap.api.environments.EnvironmentDirectory;
import io.clickmap.api.errors.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets a request act on an environment or stops it: 401 without a valid key, 403 when the key lacks the scope
 * or the environment. An environment that does not exist answers exactly like one the key may not reach, so
 * the API is no oracle for which environments exist.
 */
@Singleton
public class AccessGuard {
    private final ApiKeys keys;
    private final EnvironmentDirectory environments;

    public AccessGuard(ApiKeys keys, EnvironmentDirectory environments) {
        this.keys = keys;
        this.environments = environments;
    }

    public ApiKey require(HttpRequest<?> request, long environmentId, String scope) {
        ApiKey key = keys.authenticate(authorization(request));
        checkScope(key, scope);
        if (!key.reaches(environmentId) || !environments.exists(environmentId)) {
            throw noAccess(environmentId);
        }
        return key;
    }

    /** As {@link #require}, but empty instead of asking ClickHouse when a lookup is not cached. */
    public Optional<ApiKey> requireIfKnown(HttpRequest<?> request, long environmentId, String scope) {
        Optional<ApiKey> key = keys.authenticateIfKnown(authorization(request));
        if (key.isEmpty()) {
            return key;
        }
        checkScope(key.get(), scope);
        if (!key.get().reaches(environmentId)) {
            throw noAccess(environmentId);
        }
        Optional<Boolean> exists = environments.existsIfKnown(environmentId);
        if (exists.isPresent() && !exists.get()) {
            throw noAccess(environmentId);
        }
        return exists.isPresent() ? key : Optional.empty();
    }

    private static String authorization(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    }

    private static void checkScope(ApiKey key, String scope) {
        if (!key.allows(scope)) {
            throw ApiException.permissionDenied("This API key lacks the scope " + scope + ".");
        }
    }

    private static ApiException noAccess(long environmentId) {
        return ApiException.permissionDenied("This API key has no access to environment " + environmentId + ".");
    }
}
