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
        assertThat(scalar("SELECT toString(uuid) FROM users FINAL WHERE id = " + id)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
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
        Outcome created = cli("keys", "create", "--label", "toolbar", "--scopes", "element:read", "--environments", "8");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Matcher printed = Pattern.compile("id:  (\\S+)\\nkey: (\\S+)").matcher(created.out());
        assertThat(printed.find()).as(created.out()).isTrue();
        String id = printed.group(1);
        String key = printed.group(2);

        assertThat(api().withKey(key).get("/api/environments/8/elements/stats/").status()).isEqualTo(200);
        assertThat(api().withKey(key).get("/api/environments/1/elements/stats/").status()).isEqualTo(403);
        assertThat(cli("keys", "list").out()).contains(id + "\ttoolbar\telement:read\t8\t").contains("active").doesNotContain(key);
        assertThat(scalar("SELECT count() FROM api_keys WHERE key_hash LIKE '%" + key.substring(4, 12) + "%'")).isEqualTo("0");

        Outcome revoked = cli("keys", "revoke", "--id", id);
        assertThat(revoked.exitCode()).isZero();
        assertThat(api().withKey(key).get("/api/environments/8/elements/stats/").status()).isEqualTo(401);
        assertThat(cli("keys", "list").out()).contains(id + "\ttoolbar").contains("revoked");
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
        bad.put(List.of("keys", "create", "--label", "x", "--scopes", "admin", "--all-environments"), "error: unknown scope 'admin'");
        bad.put(List.of("keys", "create", "--label", "x", "--scopes", "*"), "error: give either --environments 1,2 or --all-environments");
        bad.put(List.of("keys", "create", "--label", "x", "--scopes", "*", "--environments", "1,zero"),
                "error: --environments must be positive integers separated by commas");
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
        assertThat(cli("keys", "list").out()).contains("bootstrap\tbootstrap key (CLICKMAP_BOOTSTRAP_API_KEY)\t*\tall\t");
        assertThat(cli("environments", "list").out()).contains("1\tShop\tphc_shop");
    }
}
