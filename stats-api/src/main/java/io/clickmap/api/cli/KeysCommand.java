package io.clickmap.api.cli;

import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.users.User;
import io.clickmap.api.users.UserStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code keys create|list|revoke}. A new key is printed once and never stored in clear. Every key belongs to a
 * user, named by id or e-mail address: what a key creates (insights) is that user's.
 */
final class KeysCommand {
    private final ApiKeyStore store;
    private final UserStore users;
    private final PrintStream out;

    KeysCommand(ApiKeyStore store, UserStore users, PrintStream out) {
        this.store = store;
        this.users = users;
        this.out = out;
    }

    int run(String action, List<String> options) {
        switch (action) {
            case "create" -> create(new CliArguments(options, Set.of("label", "user", "scopes", "environments"), Set.of("all-environments")));
            case "list" -> list(new CliArguments(options, Set.of(), Set.of()));
            case "revoke" -> revoke(new CliArguments(options, Set.of("id"), Set.of()));
            default -> throw new CliArguments.UsageException("unknown keys action '" + action + "'");
        }
        return 0;
    }

    private void create(CliArguments args) {
        String label = args.required("label");
        String user = args.required("user");
        List<String> scopes = Arrays.stream(args.required("scopes").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String scope : scopes) {
            if (!Scopes.isKnown(scope)) {
                throw new CliArguments.UsageException("unknown scope '" + scope + "'; scopes are " + Scopes.KNOWN);
            }
        }
        boolean all = args.flag("all-environments");
        String listed = args.optional("environments");
        if (all == (listed != null)) {
            throw new CliArguments.UsageException("give either --environments 1,2 or --all-environments");
        }
        List<Long> environments = all ? List.of() : environments(listed);
        long userId = userId(user);
        String key = ApiKeySecrets.newKey();
        ApiKey created = new ApiKey(ApiKeySecrets.newId(), label, userId, scopes, all, environments, Instant.now(), false);
        store.save(created, ApiKeySecrets.hash(key));
        out.println("id:  " + created.id());
        out.println("key: " + key);
        out.println("Store the key now: it is not shown again (only its SHA-256 hash is kept).");
    }

    private long userId(String user) {
        Optional<User> found;
        if (user.contains("@")) {
            found = users.findByEmail(user);
        } else {
            try {
                found = users.find(Long.parseLong(user));
            } catch (NumberFormatException e) {
                throw new CliArguments.UsageException("--user is a user's id or e-mail address, not '" + user + "'");
            }
        }
        return found.orElseThrow(() -> new CliArguments.UsageException("no user has " + (user.contains("@") ? "the e-mail address " : "id ")
                + user + " (users list shows them, users create makes one)")).id();
    }

    private static List<Long> environments(String listed) {
        try {
            List<Long> ids = Arrays.stream(listed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
            if (ids.isEmpty() || ids.stream().anyMatch(id -> id < 1)) {
                throw new NumberFormatException();
            }
            return ids;
        } catch (NumberFormatException e) {
            throw new CliArguments.UsageException("--environments must be positive integers separated by commas");
        }
    }

    private void list(CliArguments ignored) {
        Map<Long, String> emails = users.list().stream().collect(Collectors.toMap(User::id, User::email));
        out.println("id\tlabel\tuser\tscopes\tenvironments\tcreated_at\tstatus");
        for (ApiKey key : store.list()) {
            // a key whose user is not stored (a row written around the CLI) shows the id it names
            String user = emails.getOrDefault(key.userId(), String.valueOf(key.userId()));
            out.println(String.join("\t", key.id(), key.label(), user, String.join(",", key.scopes()),
                    key.allEnvironments() ? "all" : key.environments().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    key.createdAt().toString(), key.revoked() ? "revoked" : "active"));
        }
    }

    private void revoke(CliArguments args) {
        String id = args.required("id");
        if (!store.revoke(id)) {
            throw new CliArguments.UsageException("no key has id " + id);
        }
        out.println("revoked " + id + " (services notice within their key cache time, 10 s by default)");
    }
}
