package io.clickmap.api.auth;

/**
 * Resolves a toolbar's {@code temporary_token} (implemented by the toolbar feature). A token that is unknown, expired,
 * revoked, or whose launching key is revoked or gone is a 401 whose detail says which and what to do; a valid one
 * grants reads of its one environment. May ask ClickHouse, so it is called on the blocking executor.
 */
public interface ToolbarTokens {
    String PARAMETER = "temporary_token";
    String FOREIGN = "This toolbar token belongs to another environment; launch the toolbar from this one.";

    ToolbarGrant grant(String token);
}
