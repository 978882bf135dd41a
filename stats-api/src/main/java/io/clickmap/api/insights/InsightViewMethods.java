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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The methods the view actions do not have — {@code viewed} is POST only, {@code my_last_viewed} and
 * {@code trending} GET only — answered 405 as DRF does, after the key and {@code insight:read} (401/403). Without
 * these routes {@code GET …/insights/viewed} would be read as the insight {@code viewed} (404), and a PATCH of
 * {@code …/trending} as an update of it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightViewMethods {
    private static final String ENVIRONMENT = InsightsController.ENVIRONMENT_INSIGHTS;
    private static final String PROJECT = InsightsController.PROJECT_INSIGHTS;
    private static final String VIEWED = InsightViewsController.VIEWED;
    private static final String LAST = InsightViewsController.LAST_VIEWED;
    private static final String TRENDING = InsightViewsController.TRENDING;

    @Get(uris = {ENVIRONMENT + VIEWED, PROJECT + VIEWED})
    public void get(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Post(uris = {ENVIRONMENT + LAST, PROJECT + LAST, ENVIRONMENT + TRENDING, PROJECT + TRENDING})
    public void post(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Patch(uris = {ENVIRONMENT + VIEWED, PROJECT + VIEWED, ENVIRONMENT + LAST, PROJECT + LAST, ENVIRONMENT + TRENDING, PROJECT + TRENDING})
    public void patch(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Put(uris = {ENVIRONMENT + VIEWED, PROJECT + VIEWED, ENVIRONMENT + LAST, PROJECT + LAST, ENVIRONMENT + TRENDING, PROJECT + TRENDING})
    public void put(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }

    @Delete(uris = {ENVIRONMENT + VIEWED, PROJECT + VIEWED, ENVIRONMENT + LAST, PROJECT + LAST, ENVIRONMENT + TRENDING, PROJECT + TRENDING})
    public void delete(@Authorized(Scopes.INSIGHT_READ) Access access) {
        throw access.methodNotAllowed();
    }
}
