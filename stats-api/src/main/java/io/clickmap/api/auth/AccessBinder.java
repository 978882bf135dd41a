package io.clickmap.api.auth;

import io.clickmap.api.environments.EnvironmentId;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.QueryString;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.AnnotatedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds {@code @Authorized(scope) Access} for every controller, in one place: the environment id from the path
 * (404 when it names none) and, when it can be made from the caches alone, the key check (401/403). Binders run
 * on the event loop, so nothing here may wait for ClickHouse; a check that would is left to {@link Access}.
 * A {@code sharing_access_token} on a write is refused here, on every route, before any key is looked at (as
 * PostHog's authentication does); on a read that accepts tokens, {@link Access} checks it on first use. A
 * {@code temporary_token} counts only on the routes that accept toolbar tokens; elsewhere it is not looked at.
 */
@Singleton
class AccessBinder implements AnnotatedRequestArgumentBinder<Authorized, Access> {
    private final AccessGuard guard;
    private final ShareTokens shares;
    private final ToolbarTokens toolbars;

    AccessBinder(AccessGuard guard, ShareTokens shares, ToolbarTokens toolbars) {
        this.guard = guard;
        this.shares = shares;
        this.toolbars = toolbars;
    }

    @Override
    public Class<Authorized> getAnnotationType() {
        return Authorized.class;
    }

    @Override
    public BindingResult<Access> bind(ArgumentConversionContext<Access> context, HttpRequest<?> request) {
        String scope = context.getAnnotationMetadata().stringValue(Authorized.class)
                .orElseThrow(() -> new IllegalStateException("@Authorized names no scope on " + context.getArgument()));
        long environmentId = EnvironmentId.ofPath(request.getPath());
        String token = parameter(request, ShareTokens.PARAMETER);
        if (token != null) {
            if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
                throw ApiException.authenticationFailed("Sharing access token can only be used for GET requests.");
            }
            if (accepts(context, "acceptsSharingToken")) {
                Access access = Access.bySharingToken(guard, request, environmentId, scope, shares, token);
                return () -> Optional.of(access);
            }
        }
        String toolbarToken = accepts(context, "acceptsToolbarToken") ? parameter(request, ToolbarTokens.PARAMETER) : null;
        if (toolbarToken != null) {
            Access access = Access.byToolbarToken(environmentId, scope, toolbars, toolbarToken);
            return () -> Optional.of(access);
        }
        ApiKey checked = guard.requireIfKnown(request, environmentId, scope).orElse(null);
        Access access = Access.byKey(guard, request, environmentId, scope, checked);
        return () -> Optional.of(access);
    }

    private static boolean accepts(ArgumentConversionContext<Access> context, String member) {
        return context.getAnnotationMetadata().booleanValue(Authorized.class, member).orElse(false);
    }

    /** The parameter, when the query string has a non-empty one (an empty one is no token, as in PostHog). */
    private static String parameter(HttpRequest<?> request, String name) {
        String rawQuery = request.getUri().getRawQuery();
        if (rawQuery == null || !rawQuery.contains(name)) {
            return null;
        }
        String token = QueryString.parse(rawQuery).last(name);
        return token == null || token.isEmpty() ? null : token;
    }
}
