package io.clickmap.api.toolbar;

import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.ToolbarGrant;
import io.clickmap.api.auth.ToolbarTokens;
import io.clickmap.api.errors.ApiException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * What a {@code temporary_token} grants: the reads of its environment while {@link TokenVerdict} finds it valid, else a
 * 401 with the verdict's detail. Nothing is cached, so a revocation (of the token or of its key) holds from the next
 * request; the service's {@link Clock} decides expiry.
 */
@Singleton
class ToolbarGrants implements ToolbarTokens {
    private final ToolbarTokenStore tokens;
    private final ApiKeyStore keys;
    private final Clock clock;

    ToolbarGrants(ToolbarTokenStore tokens, ApiKeyStore keys, Clock clock) {
        this.tokens = tokens;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public ToolbarGrant grant(String token) {
        if (!ToolbarSecrets.isPlausible(token)) {
            throw ApiException.tokenRefused(TokenVerdict.UNKNOWN.detail());
        }
        Optional<ToolbarToken> stored = tokens.find(ApiKeySecrets.hash(token));
        Optional<ApiKey> launcher = stored.filter(ToolbarToken::launchedByKey).flatMap(found -> keys.find(found.keyId()));
        TokenVerdict verdict = TokenVerdict.of(stored, launcher, clock.instant());
        if (verdict != TokenVerdict.VALID) {
            throw ApiException.tokenRefused(verdict.detail());
        }
        return new ToolbarGrant(stored.get().environmentId());
    }
}
