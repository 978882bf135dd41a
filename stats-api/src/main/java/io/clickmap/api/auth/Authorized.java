package io.clickmap.api.auth;

import io.micronaut.core.bind.annotation.Bindable;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller's {@link Access} parameter: the scope the request's key must hold for the environment of its
 * path ({@code /api/environments/{id}/…} or {@code /api/projects/{id}/…}), or, where the route accepts one, a sharing
 * access token or a toolbar token. Bound by {@link AccessBinder}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Bindable
public @interface Authorized {
    /** One of {@link Scopes}. */
    String value();

    /**
     * Whether a {@code sharing_access_token} may stand in for the key ({@link ShareGrant}): only the two insight reads
     * PostHog opens to shares. On every other route the token is ignored, except that it makes any write a 403.
     */
    boolean acceptsSharingToken() default false;

    /**
     * Whether a toolbar's {@code temporary_token} ({@link ToolbarGrant}) may stand in for the key: only the element stats
     * and values reads the toolbar makes. On every other route the parameter is ignored, so a request with it alone is a 401.
     */
    boolean acceptsToolbarToken() default false;
}
