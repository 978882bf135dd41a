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
 * environment is a 404, as its insight is not here. On a route that accepts a toolbar token, a request carrying one
 * is checked by it alone and holds no key either; a token of another environment is a 401.
 */
public final class Access {
    private final AccessGuard guard;
    private final HttpRequest<?> request;
    private final long environmentId;
    private final String scope;
    private final ShareTokens shares;
    private final String sharingToken;
    private final ToolbarTokens toolbars;
    private final String toolbarToken;
    private volatile ApiKey key;
    private volatile ShareGrant grant;
    private volatile ToolbarGrant toolbarGrant;

    private Access(AccessGuard guard, HttpRequest<?> request, long environmentId, String scope, ApiKey checkedKey, ShareTokens shares,
                   String sharingToken, ToolbarTokens toolbars, String toolbarToken) {
        this.guard = guard;
        this.request = request;
        this.environmentId = environmentId;
        this.scope = scope;
        this.key = checkedKey;
        this.shares = shares;
        this.sharingToken = sharingToken;
        this.toolbars = toolbars;
        this.toolbarToken = toolbarToken;
    }

    /** Checked by the request's key: already, when {@code checkedKey} is given, else on first use. */
    static Access byKey(AccessGuard guard, HttpRequest<?> request, long environmentId, String scope, ApiKey checkedKey) {
        return new Access(guard, request, environmentId, scope, checkedKey, null, null, null, null);
    }

    /** Checked by a sharing access token on first use, or by the key when the token grants nothing alone. */
    static Access bySharingToken(AccessGuard guard, HttpRequest<?> request, long environmentId, String scope, ShareTokens shares, String token) {
        return new Access(guard, request, environmentId, scope, null, shares, token, null, null);
    }

    /** Checked by a toolbar token alone, on first use. A toolbar token reads elements and nothing else. */
    static Access byToolbarToken(long environmentId, String scope, ToolbarTokens toolbars, String token) {
        if (!scope.equals(Scopes.ELEMENT_READ)) {
            throw new IllegalStateException("a toolbar token grants " + Scopes.ELEMENT_READ + " only, not " + scope);
        }
        return new Access(null, null, environmentId, null, null, null, null, toolbars, token);
    }

    /** The environment of the path, once the key (or the token) is known to reach it (401/403 otherwise). */
    public long environmentId() {
        check();
        return environmentId;
    }

    /** The key; a request let in by a token has none, and a controller asks for it only after {@link #sharedInsight()}. */
    public ApiKey key() {
        check();
        if (key == null) {
            throw new IllegalStateException("a request let in by a sharing access token or a toolbar token has no key");
        }
        return key;
    }

    /**
     * DRF's 405 for a method a route does not have, made after the key and scope are checked (401/403 first), so the
     * answer tells nothing to a caller that may not use the route.
     */
    public ApiException methodNotAllowed() {
        check();
        return ApiException.methodNotAllowed(request.getMethodName());
    }

    /** What the request's sharing access token grants, when that is how it was let in. */
    public Optional<ShareGrant> sharedInsight() {
        check();
        return Optional.ofNullable(grant);
    }

    /** Whether the check is made, so that {@link #environmentId()} will not ask ClickHouse. */
    public boolean isChecked() {
        return key != null || grant != null || toolbarGrant != null;
    }

    private void check() {
        if (isChecked()) {
            return;
        }
        if (toolbarToken != null) {
            ToolbarGrant granted = toolbars.grant(toolbarToken);
            if (granted.environmentId() != environmentId) {
                throw ApiException.tokenRefused(ToolbarTokens.FOREIGN);
            }
            toolbarGrant = granted;
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
