package io.clickmap.api.cli;

import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code keys create|list|revoke}. A new key is printed once and never stored in clear. */
final class KeysCommand {
    private final ApiKeyStore store;
    private final PrintStream out;

    KeysCommand(ApiKeyStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    int run(String action, List<String> options) {
        switch (action) {
            case "create" -> create(new CliArguments(options, Set.of("label", "scopes", "environments"), Set.of("all-environments")));
            case "list" -> list(new CliArguments(options, Set.of(), Set.of()));
            case "revoke" -> revoke(new CliArguments(options, Set.of("id"), Set.of()));
            default -> throw new CliArguments.UsageException("unknown keys action '" + action + "'");
        }
        return 0;
    }

    private void create(CliArguments args) {
        String label = args.required("label");
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
        String key = ApiKeySecrets.newKey();
        ApiKey created = new ApiKey(ApiKeySecrets.newId(), label, scopes, all, environments, Instant.now(), false);
        store.save(created, ApiKeySecrets.hash(key));
        out.println("id:  " + created.id());
        out.println("key: " + key);
        out.println("Store the key now: it is not shown again (only its SHA-256 hash is kept).");
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
        out.println("id\tlabel\tscopes\tenvironments\tcreated_at\tstatus");
        for (ApiKey key : store.list()) {
            out.println(String.join("\t", key.id(), key.label(), String.join(",", key.scopes()),
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
