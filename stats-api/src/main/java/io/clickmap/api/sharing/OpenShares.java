package io.clickmap.api.sharing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickmap.api.sharing.SharingStore.TokenOwner;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The share a token opens now, if any: the token's insight (looked up once per token and remembered, since a token
 * never changes owner), and that insight's current state, read every time so that disabling or a refresh's end
 * of grace takes effect at once, on every instance.
 */
@Singleton
class OpenShares {
    private final SharingStore store;
    private final Clock clock;
    private final Cache<String, TokenOwner> owners = Caffeine.newBuilder().maximumSize(10_000).build();

    OpenShares(SharingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An open share: which insight, and how it is shared. */
    record OpenShare(long environmentId, long insightId, String token, SharingState state) {
    }

    Optional<OpenShare> find(String token, ServerTiming timing) {
        if (!AccessTokens.isPlausible(token)) {
            return Optional.empty();
        }
        TokenOwner owner = owners.getIfPresent(token);
        if (owner == null) {
            // Only found owners are remembered: unknown tokens cost a lookup each, but cannot fill the cache.
            owner = timing.clickHouse(() -> store.owner(token)).orElse(null);
            if (owner == null) {
                return Optional.empty();
            }
            owners.put(token, owner);
        }
        SharingState state = store.current(owner.environmentId(), owner.insightId(), timing);
        if (!state.opensWith(token, clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new OpenShare(owner.environmentId(), owner.insightId(), token, state));
    }
}
