package io.clickmap.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The administration commands of the service jar, run against the same database the running service reads. */
@MicronautTest
class AdminCliTest extends ServiceTest {
    private static final String BOOTSTRAP_USER = "bootstrap@clickmap.local";

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.api-key-cache-ttl", "0s");
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("clickmap.clickhouse-url", CLICKHOUSE.url(), "clickmap.clickhouse-database", CLICKHOUSE.database(),
                        "clickmap.clickhouse-user", CLICKHOUSE.user(), "clickmap.clickhouse-password", CLICKHOUSE.password()));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aUserCreatedOnTheCommandLineIsPrintedByIdAndListed() {
        Outcome created = cli("users", "create", "--email", "Ada@Example.com", "--first-name", "Ada", "--last-name", "Lovelace");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).matches("[1-9][0-9]*\\R");
        String id = created.out().strip();
        Outcome alone = cli("users", "create", "--email", "grace@example.com", "--first-name", "Grace");
        assertThat(alone.exitCode()).as(alone.err()).isZero();

        String listed = cli("users", "list").out();
        assertThat(listed).startsWith("id\tuuid\temail\tfirst_name\tlast_name\tcreated_at\n")
                .containsPattern("(?m)^" + id + "\t[0-9a-f-]{36}\tAda@Example.com\tAda\tLovelace\t20\\d\\d-[^\t]+Z$")
                .containsPattern("(?m)^" + alone.out().strip() + "\t[0-9a-f-]{36}\tgrace@example.com\tGrace\t\t20\\d\\d-[^\t]+Z$");
        assertThat(scalar("SELECT toString(uuid) FROM users FINAL WHERE id = " + id))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void aUserWithAnEmailAddressTakenInAnyCaseIsNotCreated() {
        assertThat(cli("users", "create", "--email", "alan@example.com", "--first-name", "Alan").exitCode()).isZero();
        String before = cli("users", "list").out();

        Outcome again = cli("users", "create", "--email", "ALAN@Example.COM", "--first-name", "Another");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).startsWith("error: a user has the e-mail address ALAN@Example.COM already");
        assertThat(again.out()).isEmpty();
        assertThat(cli("users", "list").out()).isEqualTo(before);
    }

    @Test
    void anEnvironmentCreatedOnTheCommandLineIsListedAndServed() {
        Outcome created = cli("environments", "create", "--id", "5", "--name", "Docs", "--token", "phc_docs");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(cli("environments", "list").out()).contains("5\tDocs\tphc_docs");
        assertThat(api().get("/api/environments/5/elements/stats/").status()).isEqualTo(200);
    }

    @Test
    void environmentsWithATakenIdOrTokenAreNotCreated() {
        assertThat(cli("environments", "create", "--id", "6", "--name", "Six", "--token", "phc_six").exitCode()).isZero();
        Outcome sameId = cli("environments", "create", "--id", "6", "--name", "Again", "--token", "phc_other");
        assertThat(sameId.exitCode()).isEqualTo(2);
        assertThat(sameId.err()).contains("environment 6 exists already");
        Outcome sameToken = cli("environments", "create", "--id", "7", "--name", "Seven", "--token", "phc_six");
        assertThat(sameToken.exitCode()).isEqualTo(2);
        assertThat(sameToken.err()).contains("another environment has this token already");
    }

    @Test
    void aKeyIsShownOnceWorksForItsEnvironmentsAndStopsWorkingWhenRevoked() {
        cli("environments", "create", "--id", "8", "--name", "Eight", "--token", "phc_eight");
        cli("users", "create", "--email", "toolbar@example.com", "--first-name", "Toolbar");
        Outcome created = cli("keys", "create", "--label", "toolbar", "--user", "toolbar@example.com", "--scopes", "element:read",
                "--environments", "8");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Matcher printed = Pattern.compile("id:  (\\S+)\\nkey: (\\S+)").matcher(created.out());
        assertThat(printed.find()).as(created.out()).isTrue();
        String id = printed.group(1);
        String key = printed.group(2);

        assertThat(api().withKey(key).get("/api/environments/8/elements/stats/").status()).isEqualTo(200);
        assertThat(api().withKey(key).get("/api/environments/1/elements/stats/").status()).isEqualTo(403);
        assertThat(cli("keys", "list").out()).contains(id + "\ttoolbar\ttoolbar@example.com\telement:read\t8\t").contains("active")
                .doesNotContain(key);
        assertThat(scalar("SELECT count() FROM api_keys WHERE key_hash LIKE '%" + key.substring(4, 12) + "%'")).isEqualTo("0");

        Outcome revoked = cli("keys", "revoke", "--id", id);
        assertThat(revoked.exitCode()).isZero();
        assertThat(api().withKey(key).get("/api/environments/8/elements/stats/").status()).isEqualTo(401);
        assertThat(cli("keys", "list").out()).contains(id + "\ttoolbar").contains("revoked");
    }

    @Test
    void aKeyBelongsToTheUserNamedByIdOrByEmailAddressInAnyCaseAndMayHoldTheInsightScopes() {
        String barbara = cli("users", "create", "--email", "barbara@example.com", "--first-name", "Barbara").out().strip();
        String grace = cli("users", "create", "--email", "grace.hopper@example.com", "--first-name", "Grace").out().strip();

        String byId = keyId(cli("keys", "create", "--label", "by-id", "--user", barbara, "--scopes", "insight:read,insight:write",
                "--all-environments"));
        String byEmail = keyId(cli("keys", "create", "--label", "by-email", "--user", "Grace.Hopper@EXAMPLE.com",
                "--scopes", "activity_log:read,sharing_configuration:read,sharing_configuration:write,alert:read,alert:write",
                "--environments", "1"));

        assertThat(scalar("SELECT user_id FROM api_keys FINAL WHERE id = '" + byId + "'")).isEqualTo(barbara);
        assertThat(scalar("SELECT user_id FROM api_keys FINAL WHERE id = '" + byEmail + "'")).isEqualTo(grace);
        assertThat(cli("keys", "list").out())
                .contains(byId + "\tby-id\tbarbara@example.com\tinsight:read,insight:write\tall\t")
                .contains(byEmail + "\tby-email\tgrace.hopper@example.com\tactivity_log:read,sharing_configuration:read,"
                        + "sharing_configuration:write,alert:read,alert:write\t1\t");
    }

    private static String keyId(Outcome created) {
        assertThat(created.exitCode()).as(created.err()).isZero();
        Matcher id = Pattern.compile("^id:  (\\S+)$", Pattern.MULTILINE).matcher(created.out());
        assertThat(id.find()).as(created.out()).isTrue();
        return id.group(1);
    }

    @Test
    void badCommandLinesExitWithUsageAndChangeNothing() {
        String usersBefore = cli("users", "list").out();
        String keysBefore = cli("keys", "list").out();
        String environmentsBefore = cli("environments", "list").out();
        // each bad command line, with the error it names ("" where the usage alone is printed)
        Map<List<String>, String> bad = new LinkedHashMap<>();
        bad.put(List.of("users"), "");
        bad.put(List.of("users", "create", "--first-name", "x"), "error: --email is required");
        bad.put(List.of("users", "create", "--email", "x@example.com"), "error: --first-name is required");
        bad.put(List.of("users", "create", "--email", "x.example.com", "--first-name", "x"),
                "error: an e-mail address looks like name@example.com (at most 254 characters), not 'x.example.com'");
        bad.put(List.of("users", "create", "--email", "x@example.com", "--first-name", "x", "--last-name", "a\tb"),
                "error: a last name has at most 150 characters and no control characters");
        bad.put(List.of("users", "create", "--email", "Bootstrap@Clickmap.Local", "--first-name", "x"),
                "error: addresses @clickmap.local are kept for Clickmap's own users");
        bad.put(List.of("users", "delete"), "error: unknown users action 'delete'");
        bad.put(List.of("keys"), "");
        bad.put(List.of("keys", "create", "--label", "x", "--user", BOOTSTRAP_USER, "--scopes", "admin", "--all-environments"),
                "error: unknown scope 'admin'");
        bad.put(List.of("keys", "create", "--label", "x", "--user", BOOTSTRAP_USER, "--scopes", "insight:delete", "--all-environments"),
                "error: unknown scope 'insight:delete'");
        bad.put(List.of("keys", "create", "--label", "x", "--user", BOOTSTRAP_USER, "--scopes", "*"),
                "error: give either --environments 1,2 or --all-environments");
        bad.put(List.of("keys", "create", "--label", "x", "--user", BOOTSTRAP_USER, "--scopes", "*", "--environments", "1,zero"),
                "error: --environments must be positive integers separated by commas");
        bad.put(List.of("keys", "create", "--label", "x", "--scopes", "*", "--all-environments"), "error: --user is required");
        bad.put(List.of("keys", "create", "--label", "x", "--user", "987654321", "--scopes", "*", "--all-environments"),
                "error: no user has id 987654321 (users list shows them, users create makes one)");
        bad.put(List.of("keys", "create", "--label", "x", "--user", "nobody@example.com", "--scopes", "*", "--all-environments"),
                "error: no user has the e-mail address nobody@example.com (users list shows them, users create makes one)");
        bad.put(List.of("keys", "create", "--label", "x", "--user", "Ada", "--scopes", "*", "--all-environments"),
                "error: --user is a user's id or e-mail address, not 'Ada'");
        bad.put(List.of("keys", "revoke", "--id", "nope"), "error: no key has id nope");
        bad.put(List.of("environments", "create", "--id", "-3", "--name", "x", "--token", "y"), "error: an environment id is a positive integer, not -3");
        bad.put(List.of("environments", "drop"), "error: unknown environments action 'drop'");
        bad.forEach((args, error) -> {
            Outcome outcome = cli(args.toArray(String[]::new));
            assertThat(outcome.exitCode()).as(args + ": " + outcome.err()).isEqualTo(2);
            assertThat(outcome.err()).as(args.toString()).startsWith(error).endsWith(AdminCli.USAGE + System.lineSeparator());
            assertThat(outcome.out()).as(args.toString()).isEmpty();
        });

        assertThat(cli("users", "list").out()).isEqualTo(usersBefore);
        assertThat(cli("keys", "list").out()).isEqualTo(keysBefore);
        assertThat(cli("environments", "list").out()).isEqualTo(environmentsBefore);
        assertThat(scalar("SELECT count() FROM api_keys FINAL WHERE label = 'x'")).isEqualTo("0");
    }

    @Test
    void theBootstrapKeyAndEnvironmentExistAfterStartUp() {
        assertThat(cli("keys", "list").out()).contains("bootstrap\tbootstrap key (CLICKMAP_BOOTSTRAP_API_KEY)\t" + BOOTSTRAP_USER + "\t*\tall\t");
        assertThat(cli("environments", "list").out()).contains("1\tShop\tphc_shop");
    }
}
