package io.clickmap.api.cli;

import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.toolbar.ToolbarLauncher;
import io.clickmap.api.trends.InternalUsers;
import io.clickmap.api.users.UserStore;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Administration from the service jar, against the ClickHouse the service is configured for (same settings
 * and environment variables): {@code users create|list}, {@code keys create|list|revoke} and
 * {@code environments create|list}, {@code internal-users add|remove|list}, {@code toolbar launch|revoke}. Applies migrations first, like the service. Exit code 0 on success, 2 for a
 * usage error, 1 when ClickHouse fails.
 */
public final class AdminCli {
    static final String USAGE = """
            usage:
              users create --email EMAIL --first-name NAME [--last-name NAME]
              users list
              keys create --label LABEL --user (ID | EMAIL) --scopes SCOPE[,SCOPE...] (--environments 1,2 | --all-environments)
              keys list
              keys revoke --id ID
              environments create --id ID --name NAME --token TOKEN
              environments list
              internal-users (add | remove) --environment ID --distinct-id ID
              internal-users list --environment ID
              toolbar launch --environment ID --url PAGE_URL [--api-url STATS_API_URL]
              toolbar revoke --environment ID
            scopes: %s
            ClickHouse is taken from CLICKHOUSE_URL, CLICKHOUSE_DATABASE, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD."""
            .formatted(String.join(", ", Scopes.KNOWN));

    private AdminCli() {
    }

    public static boolean handles(String command) {
        return command.equals("users") || command.equals("keys") || command.equals("environments") || command.equals("internal-users")
                || command.equals("toolbar");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Map.of());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with settings on top of the configuration (tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, Object> settings) {
        if (args.length < 2) {
            err.println(USAGE);
            return 2;
        }
        List<String> options = Arrays.asList(args).subList(2, args.length);
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(settings).start()) {
            return switch (args[0]) {
                case "users" -> new UsersCommand(context.getBean(UserStore.class), out).run(args[1], options);
                case "keys" -> new KeysCommand(context.getBean(ApiKeyStore.class), context.getBean(UserStore.class), out).run(args[1], options);
                case "internal-users" -> new InternalUsersCommand(context.getBean(InternalUsers.class), context.getBean(EnvironmentStore.class), out)
                        .run(args[1], options);
                case "toolbar" -> new ToolbarCommand(context.getBean(ToolbarLauncher.class),
                        "http://localhost:" + context.getRequiredProperty("micronaut.server.port", Integer.class), out).run(args[1], options);
                default -> new EnvironmentsCommand(context.getBean(EnvironmentStore.class), out).run(args[1], options);
            };
        } catch (CliArguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
