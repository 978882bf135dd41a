package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.cli.AdminCli;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.SettableClock;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Toolbar tokens end to end on the real ClickHouse: the launch link and the JSON posthog-js reads from its hash, the
 * token reading its environment's stats and values with no key, and every way it stops: expiry (the service's clock
 * is moved, not waited for), its key revoked, the CLI's revoke, another environment, a made-up token, and any other
 * route. Only the token's SHA-256 is stored.
 */
@MicronautTest
class ToolbarTokensTest extends ServiceTest {
    private static final String READER = "phx_toolbar_element_reader_01";
    private static final String INSIGHTS_ONLY = "phx_toolbar_insight_reader_01";
    private static final String STATS = "/api/environments/1/elements/stats/?date_from=2025-03-01&date_to=2025-03-31&temporary_token=";
    private static final String VALUES = "/api/environments/1/elements/values/?key=tag_name&temporary_token=";
    private static final String BUY = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"";
    private static final Pattern LINK = Pattern.compile("url: +(\\S+)\\R");

    private final SettableClock clock = new SettableClock();

    @Inject
    ApiKeyStore keys;

    @Inject
    EnvironmentStore environments;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.api-key-cache-ttl", "0s");
    }

    @BeforeAll
    void storeKeysAClickInEachEnvironment() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        keys.save(new ApiKey("toolbar-reader", "element reader", UserIds.BOOTSTRAP, List.of(Scopes.ELEMENT_READ), false, List.of(1L),
                Instant.now(), false), ApiKeySecrets.hash(READER));
        keys.save(new ApiKey("insight-reader", "insight reader", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ), false, List.of(1L),
                Instant.now(), false), ApiKeySecrets.hash(INSIGHTS_ONLY));
        new Events().click(1, "$autocapture", BUY, "https://shop.example.com/", "2025-03-10T10:00:00Z").times(3)
                .click(2, "$autocapture", "a:href=\"/post\"nth-child=\"1\"nth-of-type=\"1\"text=\"Post\"", "https://blog.example.com/",
                        "2025-03-10T10:00:00Z").times(5)
                .insertInto(CLICKHOUSE);
    }

    private Api.Reply launch(Api caller, String family, long environment, String body) {
        return caller.send("POST", family + environment + "/toolbar/launch", body);
    }

    /** The temporary token of a link launched with the admin key for this environment's home page. */
    private String token(long environment) {
        Api.Reply launched = launch(api(), "/api/environments/", environment, "{\"url\":\"https://shop.example.com/\"}");
        assertThat(launched.status()).as(launched.body()).isEqualTo(200);
        return parameters(launched.json().get("url").asText()).get("temporaryToken").asText();
    }

    /** The JSON in the link's {@code #__posthog=}, decoded as posthog-js decodes it ({@code decodeURIComponent}). */
    private static JsonNode parameters(String link) {
        String encoded = link.substring(link.indexOf("#__posthog=") + "#__posthog=".length());
        // What encodeURIComponent leaves as it is: no '&' (posthog-js reads up to one), no '+' (it would stay a plus).
        assertThat(encoded).matches("[A-Za-z0-9%._~*'()!-]+");
        return Api.json(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    private static String refusal(String detail) {
        return "{\"type\":\"authentication_error\",\"code\":\"authentication_failed\",\"detail\":\"" + detail + "\",\"attr\":null}";
    }

    private Api.Reply stats(String token) {
        return api().withKey(null).get(STATS + token);
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("clickmap.clickhouse-url", CLICKHOUSE.url(), "clickmap.clickhouse-database", CLICKHOUSE.database(),
                        "clickmap.clickhouse-user", CLICKHOUSE.user(), "clickmap.clickhouse-password", CLICKHOUSE.password()));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The output of a command that must succeed. */
    private String cli(String... args) {
        Outcome outcome = run(args);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return outcome.out();
    }

    /** The link a {@code toolbar launch} printed. */
    private static String printedLink(String out) {
        Matcher link = LINK.matcher(out);
        assertThat(link.find()).as(out).isTrue();
        return link.group(1);
    }

    @Test
    void aLaunchLinksToThePageWithTheParametersPosthogJsReadsInItsHash() {
        Instant expected = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));

        Api.Reply launched = launch(api().withKey(READER), "/api/environments/", 1, "{\"url\":\"https://shop.example.com/pricing?plan=pro#faq\"}");

        assertThat(launched.status()).as(launched.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        launched.json().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("url", "expires_at");
        assertThat(launched.json().get("expires_at").asText()).isEqualTo(expected.toString());
        String url = launched.json().get("url").asText();
        assertThat(url).startsWith("https://shop.example.com/pricing?plan=pro#__posthog=");
        JsonNode parameters = parameters(url);
        String base = server.getURL().toString();
        assertThat(parameters.get("temporaryToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(parameters).isEqualTo(Api.json("{\"action\":\"ph_authorize\",\"token\":\"phc_shop\",\"temporaryToken\":\""
                + parameters.get("temporaryToken").asText() + "\",\"apiURL\":\"" + base + "\",\"clickmapApiURL\":\"" + base + "\",\"environmentId\":1,"
                + "\"expiresAt\":\"" + expected + "\",\"userIntent\":\"heatmaps\",\"desiredHash\":\"#faq\"}"));
    }

    @Test
    void theProjectPathLaunchesToo() {
        Api.Reply launched = launch(api(), "/api/projects/", 2, "{\"url\":\"http://blog.example.com/\"}");

        assertThat(launched.status()).as(launched.body()).isEqualTo(200);
        JsonNode parameters = parameters(launched.json().get("url").asText());
        assertThat(parameters.get("token").asText()).isEqualTo("phc_blog");
        assertThat(parameters.get("environmentId").asLong()).isEqualTo(2);
        assertThat(parameters.has("desiredHash")).isFalse();
    }

    @Test
    void onlyTheTokensSha256IsStored() {
        String token = token(1);

        assertThat(scalar("SELECT count() FROM toolbar_tokens WHERE token_hash = '" + ApiKeySecrets.hash(token) + "' AND team_id = 1 AND key_id = 'bootstrap'"))
                .isEqualTo("1");
        assertThat(scalar("SELECT count() FROM toolbar_tokens WHERE position(concat(token_hash, key_id), '" + token + "') > 0")).isEqualTo("0");
    }

    @Test
    void theTokenAloneReadsTheStatsAndValuesOfItsEnvironment() {
        String token = token(1);

        Api.Reply stats = stats(token);
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        assertThat(stats.json()).hasSize(1);
        assertThat(stats.json().get(0).get("count").asInt()).isEqualTo(3);
        assertThat(stats.json().get(0).get("elements").get(0).get("text").asText()).isEqualTo("Buy");
        Api.Reply values = api().withKey(null).get(VALUES + token);
        assertThat(values.status()).as(values.body()).isEqualTo(200);
        assertThat(values.body()).isEqualTo("[{\"name\":\"button\"}]");
        assertThat(api().withKey(null).get(STATS.replace("/environments/", "/projects/") + token).status()).isEqualTo(200);
    }

    @Test
    void aTokenReadsForItsLifetimeAndIsRefusedFromItsExpiryOn() {
        String token = token(1);

        clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(stats(token).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        Api.Reply expired = stats(token);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json()).isEqualTo(Api.json(refusal("Toolbar token expired; launch the toolbar again.")));
        assertThat(api().withKey(null).get(VALUES + token).status()).isEqualTo(401);
    }

    @Test
    void revokingTheKeyThatLaunchedATokenEndsTheToken() {
        String key = "phx_toolbar_soon_revoked_0001";
        keys.save(new ApiKey("soon-revoked", "soon revoked", UserIds.BOOTSTRAP, List.of(Scopes.ELEMENT_READ), false, List.of(1L), Instant.now(), false),
                ApiKeySecrets.hash(key));
        Api.Reply launched = launch(api().withKey(key), "/api/environments/", 1, "{\"url\":\"https://shop.example.com/\"}");
        String token = parameters(launched.json().get("url").asText()).get("temporaryToken").asText();
        assertThat(stats(token).status()).isEqualTo(200);

        keys.revoke("soon-revoked");
        Api.Reply refused = stats(token);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).isEqualTo(Api.json(refusal(
                "Toolbar token revoked: the API key that launched it was revoked or deleted; launch the toolbar again with a valid key.")));
    }

    @Test
    void theCliRevokesEveryTokenOfOneEnvironmentAndNoOther() {
        String shop = token(1);
        String blog = token(2);

        String revoked = cli("toolbar", "revoke", "--environment", "1");

        assertThat(revoked).startsWith("revoked every toolbar token of environment 1 (");
        Api.Reply refused = stats(shop);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).isEqualTo(Api.json(refusal("Toolbar token revoked; launch the toolbar again.")));
        assertThat(api().withKey(null).get(STATS.replace("/1/", "/2/") + blog).status()).isEqualTo(200);
        assertThat(stats(token(1)).status()).as("a token launched after the revocation").isEqualTo(200);
    }

    @Test
    void theCliPrintsALaunchLinkWhoseTokenReads() {
        String out = cli("toolbar", "launch", "--environment", "1", "--url", "https://shop.example.com/cart", "--api-url", "https://stats.example.com:8443/");

        String link = printedLink(out);
        assertThat(link).startsWith("https://shop.example.com/cart#__posthog=");
        JsonNode parameters = parameters(link);
        assertThat(parameters.get("clickmapApiURL").asText()).isEqualTo("https://stats.example.com:8443");
        assertThat(out).contains("expires_at: " + parameters.get("expiresAt").asText());
        assertThat(stats(parameters.get("temporaryToken").asText()).status()).isEqualTo(200);
        assertThat(scalar("SELECT key_id FROM toolbar_tokens WHERE token_hash = '" + ApiKeySecrets.hash(parameters.get("temporaryToken").asText()) + "'"))
                .as("no key stands behind it").isEmpty();
        String local = cli("toolbar", "launch", "--environment", "1", "--url", "https://shop.example.com/");
        assertThat(parameters(printedLink(local)).get("clickmapApiURL").asText()).as("the stats API's default port").isEqualTo("http://localhost:8000");
    }

    @Test
    void theCliRefusesABadPageApiUrlOrEnvironment() {
        Outcome badPage = run("toolbar", "launch", "--environment", "1", "--url", "https://shop.example.com/a b");
        assertThat(badPage.exitCode()).isEqualTo(2);
        assertThat(badPage.err()).startsWith("error: --" + PageUrl.RULE);
        Outcome badApi = run("toolbar", "launch", "--environment", "1", "--url", "https://shop.example.com/", "--api-url", "localhost:8000");
        assertThat(badApi.exitCode()).isEqualTo(2);
        assertThat(badApi.err()).startsWith("error: --api-url must be the stats API's http(s) base URL");
        Outcome noEnvironment = run("toolbar", "launch", "--environment", "99", "--url", "https://shop.example.com/");
        assertThat(noEnvironment.exitCode()).isEqualTo(2);
        assertThat(noEnvironment.err()).startsWith("error: environment 99 does not exist");
        assertThat(run("toolbar", "launch", "--url", "https://shop.example.com/").err()).startsWith("error: --environment is required");
    }

    @Test
    void aTokenOfAnotherEnvironmentIsRefused() {
        Api.Reply refused = stats(token(2));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).isEqualTo(Api.json(refusal("This toolbar token belongs to another environment; launch the toolbar from this one.")));
    }

    @Test
    void aMadeUpTokenIsRefusedWithoutAnswerToWhatExists() {
        String invalid = refusal("Invalid toolbar token; launch the toolbar again.");

        assertThat(stats(ToolbarSecrets.newToken()).json()).isEqualTo(Api.json(invalid));
        assertThat(stats("not%20a%20token%21").json()).isEqualTo(Api.json(invalid));
        assertThat(stats("x".repeat(101)).status()).isEqualTo(401);
        assertThat(stats("").status()).as("an empty token is none: no key either").isEqualTo(401);
        assertThat(stats("").json().get("code").asText()).isEqualTo("not_authenticated");
    }

    @Test
    void everyOtherRouteIgnoresTheTokenSoItAloneIsNoCredential() {
        String token = token(1);
        Api anonymous = api().withKey(null);

        for (String path : List.of("/api/environments/1/elements/", "/api/environments/1/insights/", "/api/projects/1/elements/")) {
            Api.Reply reply = anonymous.get(path + "?temporary_token=" + token);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.json().get("code").asText()).isEqualTo("not_authenticated");
        }
        assertThat(anonymous.send("POST", "/api/environments/1/elements/?temporary_token=" + token, "{\"tag_name\":\"a\"}").status()).isEqualTo(401);
        assertThat(launch(anonymous, "/api/environments/", 1, "{\"url\":\"https://shop.example.com/\"}").status()).isEqualTo(401);
        assertThat(api().get("/api/environments/1/elements/?temporary_token=made-up").status()).as("with a key, the parameter is not looked at")
                .isEqualTo(200);
    }

    @Test
    void aLaunchNeedsElementReadAndAnHttpPageUrl() {
        assertThat(launch(api().withKey(INSIGHTS_ONLY), "/api/environments/", 1, "{\"url\":\"https://shop.example.com/\"}").status()).isEqualTo(403);
        assertThat(launch(api().withKey(READER), "/api/environments/", 2, "{\"url\":\"https://shop.example.com/\"}").status()).isEqualTo(403);
        String rule = "{\"type\":\"validation_error\",\"code\":\"invalid_input\",\"detail\":\"" + PageUrl.RULE + "\",\"attr\":\"url\"}";
        for (String body : List.of("{}", "{\"url\":null}", "{\"url\":7}", "{\"url\":\"\"}", "{\"url\":\"/pricing\"}", "{\"url\":\"ftp://shop.example.com/\"}",
                "{\"url\":\"javascript:alert(1)\"}", "{\"url\":\"https://shop.example.com/a b\"}", "{\"url\":\"https:///nohost\"}",
                "{\"url\":\"https://shop.example.com/" + "a".repeat(PageUrl.MAX_LENGTH) + "\"}", "[]")) {
            Api.Reply refused = launch(api(), "/api/environments/", 1, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json()).as(body).isEqualTo(Api.json(rule));
        }
        assertThat(launch(api(), "/api/environments/", 1, "{\"url\":").status()).isEqualTo(400);
        assertThat(launch(api(), "/api/environments/", 1, "{\"url\":\"https://shop.example.com/" + "a".repeat(PageUrl.MAX_LENGTH - 25) + "\"}").status())
                .isEqualTo(200);
    }
}
