package io.clickmap.api.insights;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

/**
 * The methods the insight actions {@code cancel}, {@code generate_metadata} (POST only), {@code analyze} (GET only)
 * and {@code suggestions} (GET and POST) do not have, answered 405 as DRF does, after the key and the action's scope
 * (401/403). Without these routes {@code cancel} and {@code generate_metadata} would be read as an insight's
 * {@code :id} and answered 404.
 */
@Controller
public class InsightAssistMethods {
    private static final String ENVIRONMENT = InsightsController.ENVIRONMENT_INSIGHTS;
    private static final String PROJECT = InsightsController.PROJECT_INSIGHTS;
    private static final String CANCEL = InsightCancelController.CANCEL;
    private static final String ANALYZE = InsightAssistController.ANALYZE;
    private static final String SUGGESTIONS = InsightAssistController.SUGGESTIONS;
    private static final String METADATA = InsightAssistController.GENERATE_METADATA;

    @Get(uris = {ENVIRONMENT + CANCEL, PROJECT + CANCEL})
    public void getRead(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Post(uris = {ENVIRONMENT + ANALYZE, PROJECT + ANALYZE})
    public void postRead(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Patch(uris = {ENVIRONMENT + CANCEL, PROJECT + CANCEL, ENVIRONMENT + ANALYZE, PROJECT + ANALYZE, ENVIRONMENT + SUGGESTIONS, PROJECT + SUGGESTIONS})
    public void patchRead(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Put(uris = {ENVIRONMENT + CANCEL, PROJECT + CANCEL, ENVIRONMENT + ANALYZE, PROJECT + ANALYZE, ENVIRONMENT + SUGGESTIONS, PROJECT + SUGGESTIONS})
    public void putRead(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Delete(uris = {ENVIRONMENT + CANCEL, PROJECT + CANCEL, ENVIRONMENT + ANALYZE, PROJECT + ANALYZE, ENVIRONMENT + SUGGESTIONS, PROJECT + SUGGESTIONS})
    public void deleteRead(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Get(uris = {ENVIRONMENT + METADATA, PROJECT + METADATA})
    public void getWrite(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }

    @Patch(uris = {ENVIRONMENT + METADATA, PROJECT + METADATA})
    public void patchWrite(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }

    @Put(uris = {ENVIRONMENT + METADATA, PROJECT + METADATA})
    public void putWrite(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }

    @Delete(uris = {ENVIRONMENT + METADATA, PROJECT + METADATA})
    public void deleteWrite(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }
}
