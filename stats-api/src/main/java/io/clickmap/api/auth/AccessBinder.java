package io.clickmap.api.auth;

import io.clickmap.api.environments.EnvironmentId;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.AnnotatedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds {@code @Authorized(scope) Access} for every controller, in one place: the environment id from the path
 * (404 when it names none) and, when it can be made from the caches alone, the key check (401/403). Binders run
 * on the event loop, so nothing here may wait for ClickHouse; a check that would is left to {@link Access}.
 */
@Singleton
class AccessBinder implements AnnotatedRequestArgumentBinder<Authorized, Access> {
    private final AccessGuard guard;

    AccessBinder(AccessGuard guard) {
        this.guard = guard;
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
        ApiKey checked = guard.requireIfKnown(request, environmentId, scope).orElse(null);
        Access access = new Access(guard, request, environmentId, scope, checked);
        return () -> Optional.of(access);
    }
}
