package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The browser-test infrastructure end to end: Debian's headless Chromium opens the test shop page with
 * the real posthog-js from npm, Selenium clicks it like a visitor, and what the SDK sends is recorded
 * and decoded. The recorder only stands in for PostHog here; what it shows is what Clickmap's capture
 * service must accept (each run's requests are written to target/sdk-requests/).
 */
class BrowserSmokeTest {
    private static final String TOKEN = "phc_browser_smoke";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SENT = Duration.ofSeconds(20);
    private static final String BUTTON_CHAIN = "button.btn.btn-primary";
    private static final String BUTTON_TEXT = "text=\"Add to cart\"";

    @Test
    void withPostHogsScriptConfigTheSdkSendsGzippedBatchesOfClicksARageClickADeadClickAndAPageleaveBeacon() throws Exception {
        try (SdkRecorder posthog = SdkRecorder.start();
             TestPage page = TestPage.serve(TOKEN, posthog.url(), true);
             Browser browser = Browser.start("browser-smoke-script-config")) {
            // What PostHog's own config.js looks like: a script that leaves the project's config where the SDK reads it.
            Map<String, Object> config = remoteConfig();
            config.put("elementsChainAsString", true);
            config.put("supportedCompression", List.of("gzip-js", "base64"));
            posthog.answer("/array/" + TOKEN + "/config.js", "application/javascript",
                    "(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG["
                            + JSON.writeValueAsString(TOKEN) + "]={config:" + JSON.writeValueAsString(config) + ",siteApps:[]};})();");
            try {
                visit(browser, page, posthog, "browser-smoke-script-config");
                browser.open("about:blank");
                awaitSent(posthog, browser, "a $pageleave", events -> !named(events, "$pageleave").isEmpty());
            } finally {
                posthog.writeLog(Path.of("target", "sdk-requests", "script-config.log"));
            }

            assertThat(posthog.requests()).first().satisfies(request -> assertThat(request.toString()).startsWith("GET /array/" + TOKEN + "/config.js"));
            assertThat(posthog.requests()).as("the script carried the config: the JSON one is never asked for")
                    .noneMatch(request -> request.path().equals("/array/" + TOKEN + "/config"));
            SdkRecorder.Request flags = only(posthog, "/flags/");
            assertThat(flags.method()).isEqualTo("POST");
            assertThat(flags.parameters()).containsExactly(Map.entry("v", "2"));
            assertThat(JSON.readTree(flags.payload()).get("token").asText()).isEqualTo(TOKEN);

            // Gzip is sent as text/plain without any marker in the URL: a CORS-simple request, so no preflight either.
            assertThat(posthog.eventPosts()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(post -> {
                assertThat(post.header("content-type")).isEqualTo("text/plain");
                assertThat(post.query()).isNull();
                assertThat(post.body()[0] & 0xff).isEqualTo(0x1f);
                assertThat(post.body()[1] & 0xff).isEqualTo(0x8b);
                JsonNode envelope = JSON.readTree(post.payload());
                assertThat(envelope.get("api_key").asText()).isEqualTo(TOKEN);
                assertThat(envelope.get("sent_at").asText()).isNotEmpty();
                assertThat(envelope.get("batch").isArray()).isTrue();
            });
            assertThat(posthog.requests()).noneMatch(request -> request.method().equals("OPTIONS"));
            assertThat(posthog.eventPosts()).as("the three clicks and the rage click went in one batch")
                    .anyMatch(post -> named(post.events(), "$autocapture").size() == 3 && named(post.events(), "$rageclick").size() == 1);

            List<JsonNode> events = posthog.events();
            assertThat(names(events)).containsExactly("$pageview", "$autocapture", "$autocapture", "$rageclick", "$autocapture", "$dead_click", "$pageleave");
            assertThat(named(events, "$autocapture")).hasSize(3).allSatisfy(click -> {
                assertButtonChain(click);
                assertThat(click.get("properties").has("$elements")).as("elementsChainAsString: the chain alone").isFalse();
                assertThat(click.get("properties").get("$event_type").asText()).isEqualTo("click");
            });
            assertButtonChain(named(events, "$rageclick").get(0));
            JsonNode dead = named(events, "$dead_click").get(0).get("properties");
            assertThat(dead.get("$elements_chain").asText()).startsWith("div.note:").contains("text=\"Nothing happens here\"");
            assertThat(dead.get("$dead_click_absolute_timeout").asBoolean()).isTrue();
            assertThat(events).allSatisfy(event -> {
                assertThat(event.get("uuid").asText()).hasSize(36);
                assertThat(event.get("timestamp").asText()).endsWith("Z");
                assertThat(event.get("properties").get("token").asText()).isEqualTo(TOKEN);
                assertThat(event.get("properties").get("$lib_version").asText()).isEqualTo("1.449.2");
            });
        }
    }

    @Test
    void withOnlyAJsonConfigAndNoCompressionTheSdkSendsEachEventAsPlainJsonAfterAPreflight() throws Exception {
        try (SdkRecorder posthog = SdkRecorder.start();
             TestPage page = TestPage.serve(TOKEN, posthog.url(), false);
             Browser browser = Browser.start("browser-smoke-json-config")) {
            posthog.answer("/array/" + TOKEN + "/config.js", "application/javascript", "// this host serves its config as JSON only");
            posthog.answer("/array/" + TOKEN + "/config", "application/json", JSON.writeValueAsString(remoteConfig()));
            try {
                visit(browser, page, posthog, "browser-smoke-json-config");
            } finally {
                posthog.writeLog(Path.of("target", "sdk-requests", "json-config.log"));
            }

            assertThat(posthog.requests()).filteredOn(request -> request.method().equals("GET")).extracting(SdkRecorder.Request::path)
                    .containsExactly("/array/" + TOKEN + "/config.js", "/array/" + TOKEN + "/config");
            SdkRecorder.Request flags = only(posthog, "/flags/");
            assertThat(flags.parameters()).containsExactly(Map.entry("v", "2"), Map.entry("compression", "base64"));
            assertThat(flags.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(JSON.readTree(flags.payload()).get("token").asText()).isEqualTo(TOKEN);

            List<SdkRecorder.Request> clicks = posthog.eventPosts().stream()
                    .filter(post -> post.events().stream().anyMatch(event -> event.get("event").asText().matches("\\$(autocapture|rageclick|dead_click)"))).toList();
            assertThat(clicks).hasSize(5).allSatisfy(post -> {
                assertThat(post.header("content-type")).isEqualTo("application/json");
                assertThat((char) post.body()[0]).isEqualTo('{');
                assertThat(post.events()).as("unbatched, yet still in the batch envelope").hasSize(1);
            });
            assertThat(posthog.requests()).anyMatch(request -> request.method().equals("OPTIONS") && request.path().equals("/e/")
                    && "content-type".equals(request.header("access-control-request-headers")));

            List<JsonNode> events = posthog.events();
            JsonNode click = named(events, "$autocapture").get(0);
            assertButtonChain(click);
            assertThat(click.get("properties").get("$elements").get(0).get("tag_name").asText()).isEqualTo("button");
            assertThat(named(events, "$rageclick")).hasSize(1);
            assertThat(named(events, "$dead_click")).singleElement()
                    .satisfies(dead -> assertThat(dead.get("properties").get("$elements_chain").asText()).startsWith("div.note:"));
        }
    }

    /**
     * Three quick clicks on the button (one Selenium action, so they are a rage click however busy the
     * machine is), then one on the note, which changes nothing. posthog-js 1.449.2 checks pending clicks
     * once a second and silently drops one whose age at a check is between 2.5 and 2.75 s, so the note
     * is clicked only when no other click is pending: then it is checked at 1, 2 and 3 s and never lost.
     */
    private static void visit(Browser browser, TestPage page, SdkRecorder posthog, String screenshot) throws InterruptedException {
        browser.open(page.url());
        awaitReady(browser);
        WebElement button = browser.driver().findElement(By.cssSelector("[data-attr=add-to-cart]"));
        new Actions(browser.driver()).click(button).click(button).click(button).perform();
        assertThat(browser.driver().findElement(By.cssSelector(".cart-count")).getText()).isEqualTo("3");
        awaitSent(posthog, browser, "three $autocapture and a $rageclick",
                events -> named(events, "$autocapture").size() == 3 && named(events, "$rageclick").size() == 1);
        Thread.sleep(1_500);
        browser.driver().findElement(By.cssSelector(".note")).click();
        awaitSent(posthog, browser, "a $dead_click", events -> !named(events, "$dead_click").isEmpty());
        browser.screenshot(screenshot);
    }

    /** Clicks before the SDK applied its remote config would not be captured: autocapture waits for it. */
    private static void awaitReady(Browser browser) {
        JavascriptExecutor page = (JavascriptExecutor) browser.driver();
        try {
            await().atMost(SENT).until(() -> Boolean.TRUE.equals(page.executeScript("return !!(window.posthog && posthog.__loaded"
                    + " && posthog.autocapture && posthog.autocapture.isEnabled"
                    + " && posthog.deadClicksAutocapture && posthog.deadClicksAutocapture.lazyLoadedDeadClicksAutocapture)")));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("posthog-js did not start autocapture and dead clicks; the page's console:\n"
                    + String.join("\n", browser.console()), e);
        }
    }

    private static void awaitSent(SdkRecorder posthog, Browser browser, String what, Predicate<List<JsonNode>> sent) {
        try {
            await().atMost(SENT).pollInterval(Duration.ofMillis(200)).until(posthog::events, sent);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the SDK did not send " + what + " within " + SENT.toSeconds() + " s; it sent "
                    + names(posthog.events()) + " in " + posthog.requests() + "; the page's console:\n" + String.join("\n", browser.console()), e);
        }
    }

    /** The project settings PostHog answers with, trimmed to what the SDK's click capture reads. */
    private static Map<String, Object> remoteConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("autocapture_opt_out", false);
        config.put("captureDeadClicks", true);
        config.put("heatmaps", false);
        config.put("capturePerformance", false);
        config.put("sessionRecording", false);
        config.put("surveys", false);
        config.put("siteApps", List.of());
        return config;
    }

    private static void assertButtonChain(JsonNode event) {
        assertThat(event.get("properties").get("$elements_chain").asText()).startsWith(BUTTON_CHAIN).contains(BUTTON_TEXT)
                .contains("attr__data-attr=\"add-to-cart\"");
    }

    private static SdkRecorder.Request only(SdkRecorder posthog, String path) {
        List<SdkRecorder.Request> matching = posthog.requests().stream().filter(request -> request.path().equals(path)).toList();
        assertThat(matching).as("requests to " + path).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> named(List<JsonNode> events, String name) {
        return events.stream().filter(event -> event.get("event").asText().equals(name)).toList();
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(event -> event.get("event").asText()).toList();
    }
}
