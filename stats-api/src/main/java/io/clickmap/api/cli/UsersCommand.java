package io.clickmap.api.cli;

import io.clickmap.api.users.User;
import io.clickmap.api.users.UserIds;
import io.clickmap.api.users.UserStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** {@code users create|list}: the people keys belong to. An e-mail address names one user, in any case. */
final class UsersCommand {
    // The users Clickmap stores itself have addresses there; BootstrapAccess must never meet one of them taken.
    private static final String OWN_DOMAIN = "@clickmap.local";

    private final UserStore store;
    private final PrintStream out;

    UsersCommand(UserStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    int run(String action, List<String> options) {
        switch (action) {
            case "create" -> create(new CliArguments(options, Set.of("email", "first-name", "last-name"), Set.of()));
            case "list" -> list(new CliArguments(options, Set.of(), Set.of()));
            default -> throw new CliArguments.UsageException("unknown users action '" + action + "'");
        }
        return 0;
    }

    private void create(CliArguments args) {
        String lastName = args.optional("last-name");
        User user;
        try {
            user = new User(UserIds.random(), UUID.randomUUID().toString(), args.required("email"), args.required("first-name"),
                    lastName == null ? "" : lastName.strip(), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
        if (user.email().toLowerCase(Locale.ROOT).endsWith(OWN_DOMAIN)) {
            throw new CliArguments.UsageException("addresses " + OWN_DOMAIN + " are kept for Clickmap's own users");
        }
        // Checked, not enforced: two runs at the same moment could both store the address (then keys create --user
        // with it takes the earlier user).
        if (store.findByEmail(user.email()).isPresent()) {
            throw new CliArguments.UsageException("a user has the e-mail address " + user.email() + " already");
        }
        store.save(user);
        out.println(user.id());
    }

    private void list(CliArguments ignored) {
        out.println("id\tuuid\temail\tfirst_name\tlast_name\tcreated_at");
        for (User user : store.list()) {
            out.println(String.join("\t", String.valueOf(user.id()), user.uuid(), user.email(), user.firstName(), user.lastName(),
                    user.createdAt().toString()));
        }
    }
}
