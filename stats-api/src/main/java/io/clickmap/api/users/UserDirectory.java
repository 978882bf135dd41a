package io.clickmap.api.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.auth.AuthConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Users by id for responses, which name a user per object (an insight's creator and last editor): lookups,
 * found or not, are remembered for {@code clickmap.api-key-cache-ttl}, like keys and environments, so a page
 * of insights costs no ClickHouse round trip per row. A lookup that fails is not remembered.
 */
@Singleton
public class UserDirectory {
    private final UserStore store;
    private final Cache<Long, Optional<User>> byId;

    public UserDirectory(UserStore store, AuthConfig config) {
        this.store = store;
        this.byId = Caffeine.newBuilder().expireAfterWrite(config.apiKeyCacheTtl()).maximumSize(10_000).build();
    }

    public Optional<User> find(long id) {
        Optional<User> found = byId.getIfPresent(id);
        if (found == null) {
            // Looked up outside the cache's lock, as ApiKeys does, so a slow ClickHouse stalls only this lookup.
            found = store.find(id);
            byId.put(id, found);
        }
        return found;
    }
}
