package io.clickmap.api.cli;

import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.trends.InternalUsers;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code internal-users add|remove|list}: the distinct ids a trends query with {@code filterTestAccounts} leaves out. */
final class InternalUsersCommand {
    private final InternalUsers users;
    private final EnvironmentStore environments;
    private final PrintStream out;

    InternalUsersCommand(InternalUsers users, EnvironmentStore environments, PrintStream out) {
        this.users = users;
        this.environments = environments;
        this.out = out;
    }

    int run(String action, List<String> options) {
        switch (action) {
            case "add" -> change(new CliArguments(options, Set.of("environment", "distinct-id"), Set.of()), true);
            case "remove" -> change(new CliArguments(options, Set.of("environment", "distinct-id"), Set.of()), false);
            case "list" -> list(new CliArguments(options, Set.of("environment"), Set.of()));
            default -> throw new CliArguments.UsageException("unknown internal-users action '" + action + "'");
        }
        return 0;
    }

    private void change(CliArguments args, boolean add) {
        long environment = environment(args);
        String distinctId = args.required("distinct-id");
        if (add) {
            if (users.of(environment).size() >= InternalUsers.MAX_PER_ENVIRONMENT) {
                throw new CliArguments.UsageException("environment " + environment + " lists " + InternalUsers.MAX_PER_ENVIRONMENT
                        + " internal users already");
            }
            users.add(environment, distinctId);
            out.println("environment " + environment + ": " + distinctId + " is internal (left out with filterTestAccounts)");
        } else {
            users.remove(environment, distinctId);
            out.println("environment " + environment + ": " + distinctId + " is no longer internal");
        }
    }

    private void list(CliArguments args) {
        out.println("distinct_id");
        users.of(environment(args)).forEach(out::println);
    }

    private long environment(CliArguments args) {
        long id;
        try {
            id = Long.parseLong(args.required("environment"));
        } catch (NumberFormatException e) {
            throw new CliArguments.UsageException("--environment must be an environment id");
        }
        if (environments.find(id).isEmpty()) {
            throw new CliArguments.UsageException("environment " + id + " does not exist");
        }
        return id;
    }
}
