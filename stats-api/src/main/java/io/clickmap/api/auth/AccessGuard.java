package io.clickmap.api.auth;

import io.clickmap.api.environments.EnvironmentDirectory;
import io.clickmap.api.errors.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

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
        ApiKey key = keys.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (!key.allows(scope)) {
            throw ApiException.permissionDenied("This API key lacks the scope " + scope + ".");
        }
        if (!key.reaches(environmentId) || !environments.exists(environmentId)) {
            throw ApiException.permissionDenied("This API key has no access to environment " + environmentId + ".");
        }
        return key;
    }
}
