package io.clickmap.api.cli;

import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code environments create|list}: the environments ingest accepts events for and the API serves. */
final class EnvironmentsCommand {
    private final EnvironmentStore store;
    private final PrintStream out;

    EnvironmentsCommand(EnvironmentStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    int run(String action, List<String> options) {
        switch (action) {
            case "create" -> create(new CliArguments(options, Set.of("id", "name", "token"), Set.of()));
            case "list" -> list(new CliArguments(options, Set.of(), Set.of()));
            default -> throw new CliArguments.UsageException("unknown environments action '" + action + "'");
        }
        return 0;
    }

    private void create(CliArguments args) {
        long id;
        try {
            id = Long.parseLong(args.required("id"));
        } catch (NumberFormatException e) {
            throw new CliArguments.UsageException("--id must be a positive integer");
        }
        Environment environment;
        try {
            environment = new Environment(id, args.required("name"), args.required("token"), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
        if (store.find(id).isPresent()) {
            throw new CliArguments.UsageException("environment " + id + " exists already");
        }
        // Ingest resolves events by token: two environments with one token would make that ambiguous.
        if (!store.withToken(environment.token()).isEmpty()) {
            throw new CliArguments.UsageException("another environment has this token already");
        }
        store.save(environment);
        out.println("created environment " + id + " (" + environment.name() + ")");
    }

    private void list(CliArguments ignored) {
        out.println("id\tname\ttoken\tcreated_at");
        for (Environment environment : store.list()) {
            out.println(environment.id() + "\t" + environment.name() + "\t" + environment.token() + "\t" + environment.createdAt());
        }
    }
}
