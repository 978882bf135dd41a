package io.clickmap.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.errors.ApiException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds the key behind an {@code Authorization: Bearer} header. Lookups, found or not, are remembered for
 * {@code clickmap.api-key-cache-ttl} (10 s by default): that is how long a revocation or a new key takes to
 * be noticed. No, unknown or revoked key → 401; a ClickHouse failure passes through (503), uncached.
 */
@Singleton
public class ApiKeys {
    private static final int MAX_KEY_LENGTH = 200;
    private final ApiKeyStore store;
    private final Cache<String, Optional<ApiKey>> byHash;

    public ApiKeys(ApiKeyStore store, AuthConfig config) {
        this.store = store;
        this.byHash = Caffeine.newBuilder().expireAfterWrite(config.apiKeyCacheTtl()).maximumSize(10_000).build();
    }

    public ApiKey authenticate(String authorization) {
        return decide(hashOf(authorization), true).orElseThrow();
    }

    /**
     * The key when this is decided without asking ClickHouse (the lookup is cached), empty when a lookup is
     * needed; a known-bad header or key is a 401 either way. Lets cached answers skip the blocking executor.
     */
    public Optional<ApiKey> authenticateIfKnown(String authorization) {
        return decide(hashOf(authorization), false);
    }

    private static String hashOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.notAuthenticated("Authentication credentials were not provided.");
        }
        String header = authorization.strip();
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.notAuthenticated("Use the header Authorization: Bearer <personal API key>.");
        }
        String key = header.substring(7).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.notAuthenticated("Invalid personal API key.");
        }
        return ApiKeySecrets.hash(key);
    }

    private Optional<ApiKey> decide(String hash, boolean mayLookUp) {
        Optional<ApiKey> found = byHash.getIfPresent(hash);
        if (found == null) {
            if (!mayLookUp) {
                return Optional.empty();
            }
            // Looked up outside the cache's lock, so a slow ClickHouse does not stall other keys' lookups.
            found = store.findByHash(hash);
            byHash.put(hash, found);
        }
        if (found.isEmpty() || found.get().revoked()) {
            throw ApiException.notAuthenticated("Invalid personal API key.");
        }
        return found;
    }
}
