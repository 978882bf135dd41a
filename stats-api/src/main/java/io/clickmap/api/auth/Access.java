package io.clickmap.api.auth;

import io.micronaut.http.HttpRequest;

/**
 * The environment a request acts on, and the key that may act on it with the route's scope. There is no way to
 * the environment's id but through the check: {@link #environmentId()} makes it first when it is not made yet,
 * so a controller cannot forget it. The check is made when bound if the key and the environment are in their
 * caches; otherwise it waits for the first call, which a blocking controller makes on its executor, never on
 * the event loop (it may ask ClickHouse). Controllers call it first, so that a bad key is answered before a
 * bad parameter.
 */
public final class Access {
    private final AccessGuard guard;
    private final HttpRequest<?> request;
    private final long environmentId;
    private final String scope;
    private volatile ApiKey key;

    Access(AccessGuard guard, HttpRequest<?> request, long environmentId, String scope, ApiKey checkedKey) {
        this.guard = guard;
        this.request = request;
        this.environmentId = environmentId;
        this.scope = scope;
        this.key = checkedKey;
    }

    /** The environment of the path, once the key is known to reach it with the scope (401/403 otherwise). */
    public long environmentId() {
        key();
        return environmentId;
    }

    public ApiKey key() {
        ApiKey checked = key;
        if (checked == null) {
            checked = guard.require(request, environmentId, scope);
            key = checked;
        }
        return checked;
    }

    /** Whether the check is made, so that {@link #environmentId()} will not ask ClickHouse. */
    public boolean isChecked() {
        return key != null;
    }
}
