package io.clickmap.api.auth;

import java.util.Optional;

/**
 * Resolves a {@code sharing_access_token} (implemented by the sharing feature). A token that names no enabled
 * share, or one past its grace period, is a 403 "Sharing access token is invalid."; a password-protected share
 * grants nothing through its token alone (empty), so the request needs a key like any other. May ask ClickHouse.
 */
public interface ShareTokens {
    String PARAMETER = "sharing_access_token";

    Optional<ShareGrant> grant(String token);
}
