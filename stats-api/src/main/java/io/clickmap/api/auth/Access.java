package io.clickmap.api.auth;

import io.clickmap.api.errors.ApiException;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * The environment a request acts on, and the key that may act on it with the route's scope. There is no way to
 * the environment's id but through the check: {@link #environmentId()} makes it first when it is not made yet,
 * so a controller cannot forget it. The check is made when bound if the key and the environment are in their
 * caches; otherwise it waits for the first call, which a blocking controller makes on its executor, never on
 * the event loop (it may ask ClickHouse). Controllers call it first, so that a bad key is answered before a
 * bad parameter.
 * <p>
 * On a route that accepts a sharing access token, a request carrying one is checked by its token instead
 * ({@link #sharedInsight()}): it then reaches one insight of this environment and holds no key; a token of another
 * environment is a 404, as its insight is not here.
 */
public final class Access {
    private final AccessGuard guard;
    private final HttpRequest<?> request;
    private final long environmentId;
    private final String scope;
    private final ShareTokens shares;
    private final String sharingToken;
    private volatile ApiKey key;
    private volatile ShareGrant grant;

    Access(AccessGuard guard, HttpRequest<?> request, long environmentId, String scope, ApiKey checkedKey) {
        this(guard, request, environmentId, scope, checkedKey, null, null);
    }

    Access(AccessGuard guard, HttpRequest<?> request, long environmentId, String scope, ApiKey checkedKey, ShareTokens shares,
           String sharingToken) {
        this.guard = guard;
        this.request = request;
        this.environmentId = environmentId;
        this.scope = scope;
        this.key = checkedKey;
        this.shares = shares;
        this.sharingToken = sharingToken;
    }

    /** The environment of the path, once the key (or the sharing token) is known to reach it (401/403 otherwise). */
    public long environmentId() {
        check();
        return environmentId;
    }

    /** The key; a request let in by a sharing token has none, and a controller asks for it only after {@link #sharedInsight()}. */
    public ApiKey key() {
        check();
        if (key == null) {
            throw new IllegalStateException("a request let in by a sharing access token has no key");
        }
        return key;
    }

    /** What the request's sharing access token grants, when that is how it was let in. */
    public Optional<ShareGrant> sharedInsight() {
        check();
        return Optional.ofNullable(grant);
    }

    /** Whether the check is made, so that {@link #environmentId()} will not ask ClickHouse. */
    public boolean isChecked() {
        return key != null || grant != null;
    }

    private void check() {
        if (isChecked()) {
            return;
        }
        if (sharingToken != null) {
            Optional<ShareGrant> granted = shares.grant(sharingToken);
            if (granted.isPresent()) {
                if (granted.get().environmentId() != environmentId) {
                    throw ApiException.notFound();
                }
                grant = granted.get();
                return;
            }
        }
        key = guard.require(request, environmentId, scope);
    }
}
