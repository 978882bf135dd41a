package io.clickmap.api.toolbar;

import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Makes launch links, for the launch endpoint and the admin CLI alike: a new random token, stored only as its
 * SHA-256 with the environment, the launching key and {@code clickmap.toolbar-token-lifetime} from now (whole
 * seconds, as the link shows it). ClickHouse failures pass through; nothing is stored when the environment is unknown.
 */
@Singleton
public class ToolbarLauncher {
    private final ToolbarTokenStore tokens;
    private final EnvironmentStore environments;
    private final ToolbarConfig config;
    private final Clock clock;

    ToolbarLauncher(ToolbarTokenStore tokens, EnvironmentStore environments, ToolbarConfig config, Clock clock) {
        this.tokens = tokens;
        this.environments = environments;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A link for {@code pageUrl} whose toolbar reads {@code environmentId} through the stats API at {@code statsApiUrl},
     * for as long as the key with {@code keyId} lives. {@link IllegalArgumentException} with {@link PageUrl#RULE} when
     * the page URL is not one, {@link IllegalStateException} when the environment does not exist.
     */
    public LaunchLink launchForKey(long environmentId, String keyId, String pageUrl, String statsApiUrl) {
        return launch(environmentId, keyId, pageUrl, statsApiUrl);
    }

    /** As {@link #launchForKey}, for an operator: no key stands behind the token, so its expiry or a revocation ends it. */
    public LaunchLink launchFromCli(long environmentId, String pageUrl, String statsApiUrl) {
        return launch(environmentId, ToolbarToken.CLI, pageUrl, statsApiUrl);
    }

    private LaunchLink launch(long environmentId, String keyId, String pageUrl, String statsApiUrl) {
        PageUrl page = PageUrl.parse(pageUrl);
        Environment environment = environments.find(environmentId)
                .orElseThrow(() -> new IllegalStateException("environment " + environmentId + " does not exist"));
        String token = ToolbarSecrets.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(config.toolbarTokenLifetime());
        tokens.save(new ToolbarToken(ApiKeySecrets.hash(token), environmentId, keyId, now, expiresAt, false));
        return LaunchLink.of(page, environment.token(), token, statsApiUrl, environmentId, expiresAt);
    }

    /** Revokes every toolbar token of the environment; how many were still live. */
    public long revokeAll(long environmentId) {
        return tokens.revokeAll(environmentId, clock.instant());
    }
}
