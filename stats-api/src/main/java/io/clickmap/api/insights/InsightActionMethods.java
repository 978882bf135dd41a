package io.clickmap.api.insights;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;

/**
 * The methods PostHog's insight actions {@code activity} and {@code bulk_update_tags} do not have, answered 405 as
 * DRF does (after the key and scope, 401/403). Without these routes the action's name would be read as an insight's
 * {@code :id} and answered 404.
 */
@Controller
public class InsightActionMethods {
    private static final String ACTIVITY = InsightActivityController.ALL;
    private static final String BULK = BulkTagsController.BULK_UPDATE_TAGS;
    private static final String ENVIRONMENT = InsightsController.ENVIRONMENT_INSIGHTS;
    private static final String PROJECT = InsightsController.PROJECT_INSIGHTS;

    @Get(uris = {ENVIRONMENT + BULK, PROJECT + BULK})
    public void get(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }

    @Patch(uris = {ENVIRONMENT + BULK, PROJECT + BULK, ENVIRONMENT + ACTIVITY, PROJECT + ACTIVITY})
    public void patch(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }

    @Put(uris = {ENVIRONMENT + BULK, PROJECT + BULK, ENVIRONMENT + ACTIVITY, PROJECT + ACTIVITY})
    public void put(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }

    @Delete(uris = {ENVIRONMENT + BULK, PROJECT + BULK, ENVIRONMENT + ACTIVITY, PROJECT + ACTIVITY})
    public void delete(@Authorized(Scopes.INSIGHT_WRITE) Access access) {
        throw access.methodNotAllowed();
    }
}
