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
        String keysBefore = cli("keys", "list").out();
        String environmentsBefore = cli("environments", "list").out();
        // each bad command line, with the error it names ("" where the usage alone is printed)
        Map<List<String>, String> bad = new LinkedHashMap<>();
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
