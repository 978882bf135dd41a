package io.clickmap.api.environments;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.auth.AuthConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Whether an environment exists, remembered for {@code clickmap.api-key-cache-ttl} (like API keys), so an
 * authorised request costs no ClickHouse round trip. A lookup that fails is not remembered.
 */
@Singleton
public class EnvironmentDirectory {
    private final EnvironmentStore store;
    private final Cache<Long, Boolean> exists;

    public EnvironmentDirectory(EnvironmentStore store, AuthConfig config) {
        this.store = store;
        this.exists = Caffeine.newBuilder().expireAfterWrite(config.apiKeyCacheTtl()).maximumSize(100_000).build();
    }

    /** Whether it exists, when that is remembered; empty when ClickHouse would have to be asked. */
    public Optional<Boolean> existsIfKnown(long id) {
        return Optional.ofNullable(exists.getIfPresent(id));
    }

    public boolean exists(long id) {
        Boolean known = exists.getIfPresent(id);
        if (known == null) {
            known = store.find(id).isPresent();
            exists.put(id, known);
        }
        return known;
    }
}
