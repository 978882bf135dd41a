package io.clickmap.api.auth;

import io.clickmap.api.clickhouse.SchemaAtStartup;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.User;
import io.clickmap.api.users.UserIds;
import io.clickmap.api.users.UserStore;
import io.micronaut.context.annotation.Context;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For local runs and compose: makes sure the key in {@code CLICKMAP_BOOTSTRAP_API_KEY} exists (all scopes, all
 * environments) with the bootstrap user it belongs to ({@code bootstrap@clickmap.local}, id 1), and the
 * environment in {@code CLICKMAP_BOOTSTRAP_ENVIRONMENT} ({@code id:name:token}) exists. Existing rows are left
 * alone, so a bootstrap key revoked through the CLI stays revoked. A malformed setting stops start-up, naming it.
 */
@Context
public class BootstrapAccess {
    static final String KEY_ID = "bootstrap";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAccess.class);
    // Migration V006 stores the same user for a bootstrap key stored before keys had users.
    private static final String USER_UUID = "00000000-0000-4000-8000-000000000001";
    private static final String USER_EMAIL = "bootstrap@clickmap.local";

    public BootstrapAccess(SchemaAtStartup schema, AuthConfig config, ApiKeyStore keys, UserStore users, EnvironmentStore environments) {
        if (config.bootstrapEnvironment() != null) {
            Environment environment = parseEnvironment(config.bootstrapEnvironment());
            if (environments.find(environment.id()).isEmpty()) {
                environments.save(environment);
                LOG.info("Created bootstrap environment {} ({})", environment.id(), environment.name());
            }
        }
        if (config.bootstrapApiKey() != null) {
            String key = config.bootstrapApiKey();
            if (key.length() < 16 || key.length() > 200) {
                throw new IllegalStateException("Setting clickmap.bootstrap-api-key (CLICKMAP_BOOTSTRAP_API_KEY) must have 16 to 200 characters");
            }
            if (users.find(UserIds.BOOTSTRAP).isEmpty()) {
                users.save(user(Instant.now()));
                LOG.info("Created the bootstrap user ({})", USER_EMAIL);
            }
            String hash = ApiKeySecrets.hash(key);
            if (keys.findByHash(hash).isEmpty()) {
                keys.save(new ApiKey(KEY_ID, "bootstrap key (CLICKMAP_BOOTSTRAP_API_KEY)", UserIds.BOOTSTRAP, List.of(Scopes.ALL), true, List.of(),
                        Instant.now(), false), hash);
                LOG.info("Stored the bootstrap API key (all scopes, all environments)");
            }
        }
    }

    static User user(Instant createdAt) {
        return new User(UserIds.BOOTSTRAP, USER_UUID, USER_EMAIL, "Bootstrap", "", createdAt);
    }

    static Environment parseEnvironment(String setting) {
        String[] parts = setting.split(":", 3);
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected id:name:token");
            }
            return new Environment(Long.parseLong(parts[0].strip()), parts[1].strip(), parts[2].strip(), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting clickmap.bootstrap-environment (CLICKMAP_BOOTSTRAP_ENVIRONMENT) must be "
                    + "id:name:token, e.g. 1:Default:phc_local; " + e.getMessage(), e);
        }
    }
}
