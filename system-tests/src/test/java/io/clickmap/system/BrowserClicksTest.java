package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.testing.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The whole loop a site owner runs, on {@code bin/run}'s demo page: a shop page with PostHog's browser SDK
 * (posthog-js from npm) whose api_host is bin/run's capture, opened in headless Chromium; a burst of three
 * clicks on the add-to-cart button and one click on a note that does nothing; then exactly those elements
 * — tag, classes, text, position, attributes — with those counts in the stats API, per click kind; then the
 * same counts drawn over the page by the toolbar, opened through launch links (ToolbarTour), on the demo page
 * and on a catalogue of 5,000 clicked elements.
 */
class BrowserClicksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ALL_CLICKS = "[\"$autocapture\",\"$rageclick\",\"$dead_click\"]";

    @Test
    void aPagesClicksThroughCaptureAreCountedPerElementAndClickKindAndTheToolbarDrawsThemOverThePage(@TempDir Path home) throws Exception {
        BinRun.Flags flags = BinRun.Flags.free(home);
        try (ChildProcess run = BinRun.start("bin-run-browser", flags);
             Browser browser = Browser.start("browser-clicks")) {
            run.awaitLine("Ctrl-C stops everything.", Duration.ofMinutes(3));
            String key = Files.readString(home.resolve("api-key")).strip();

            assertThat(run.output()).contains("demo page     " + flags.pageUrl().replaceAll("/$", ""));
            browser.open(flags.pageUrl());
            awaitReady(browser);
            WebElement button = browser.driver().findElement(By.cssSelector("[data-attr=add-to-cart]"));
            // one action, so the three clicks are a rage click however busy the machine is
            new Actions(browser.driver()).click(button).click(button).click(button).perform();
            assertThat(browser.driver().findElement(By.cssSelector(".cart-count")).getText()).isEqualTo("3");
            // posthog-js drops a dead click whose age at its once-a-second check falls between 2.5 and 2.75 s:
            // the note is clicked alone, once the button's clicks are no longer pending
            Thread.sleep(1_500);
            browser.driver().findElement(By.cssSelector(".note")).click();
            long clicked = System.nanoTime();

            List<JsonNode> rows = awaitRows(flags, key, browser, 5);
            System.out.printf("clicks counted %.1f s after the last one%n", (System.nanoTime() - clicked) / 1e9);
            browser.screenshot("browser-clicks");

            JsonNode autocapture = row(rows, "$autocapture", "button");
            assertThat(autocapture.get("count").asLong()).isEqualTo(3);
            JsonNode clickedButton = autocapture.get("elements").get(0);
            assertThat(clickedButton.get("tag_name").asText()).isEqualTo("button");
            assertThat(clickedButton.get("attr_class")).isEqualTo(JSON.readTree("[\"btn\",\"btn-primary\"]"));
            assertThat(clickedButton.get("text").asText()).isEqualTo("Add to cart");
            assertThat(clickedButton.get("nth_child").asInt()).isEqualTo(siblingPosition(browser, "[data-attr=add-to-cart]"));
            assertThat(clickedButton.get("attributes").get("attr__data-attr").asText()).isEqualTo("add-to-cart");
            assertThat(autocapture.get("elements").get(1).get("attr_id").asText()).as("the card around it").isEqualTo("product-42");

            JsonNode rage = row(rows, "$rageclick", "button");
            assertThat(rage.get("count").asLong()).isEqualTo(1);
            assertThat(rage.get("elements")).isEqualTo(autocapture.get("elements"));

            JsonNode dead = row(rows, "$dead_click", "div");
            assertThat(dead.get("count").asLong()).isEqualTo(1);
            JsonNode note = dead.get("elements").get(0);
            assertThat(note.get("attr_class")).isEqualTo(JSON.readTree("[\"note\"]"));
            assertThat(note.get("text").asText()).isEqualTo("Nothing happens here");
            assertThat(rows).as("nothing else was clicked").hasSize(3);

            // the toolbar: a link from the CLI that expires in a minute, whose minute runs while the rest is looked at
            String token = projectToken(run);
            LaunchLink expiring = LaunchLink.fromCli(flags, flags.pageUrl(), "1m");
            ToolbarTour tour = new ToolbarTour(browser);
            tour.demoPage(LaunchLink.fromApi(flags, key, flags.pageUrl()), autocapture.get("count").asLong(), rage.get("count").asLong(),
                    dead.get("count").asLong());
            tour.urlMode(LaunchLink.fromApi(flags, key, flags.pageUrl() + "?campaign=spring"), autocapture.get("count").asLong());
            try (Catalogue catalogue = Catalogue.serve(token, flags.captureUrl())) {
                int sent = catalogue.sendClicks(flags.captureUrl(), token);
                awaitClicks(flags, key, catalogue.url(), sent);
                tour.catalogue(LaunchLink.fromApi(flags, key, catalogue.url()));
            }
            tour.expired(expiring, flags.apiUrl());

            BinRun.stopWithCtrlC(run, flags);
        }
    }

    /** Clicks before the SDK applied its remote config would not be captured: autocapture waits for it. */
    private static void awaitReady(Browser browser) {
        JavascriptExecutor page = (JavascriptExecutor) browser.driver();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(page.executeScript("return !!(window.posthog && posthog.__loaded"
                    + " && posthog.autocapture && posthog.autocapture.isEnabled"
                    + " && posthog.deadClicksAutocapture && posthog.deadClicksAutocapture.lazyLoadedDeadClicksAutocapture)")));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("posthog-js did not start autocapture and dead clicks from capture's remote config; the page's console:\n"
                    + String.join("\n", browser.console()), e);
        }
    }

    /** The stats rows of all three click kinds, once their counts add up to {@code clicks}. */
    private static List<JsonNode> awaitRows(BinRun.Flags flags, String key, Browser browser, int clicks) {
        List<JsonNode> rows = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                rows.clear();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(flags.apiUrl() + "/api/projects/1/elements/stats/?include="
                        + URLEncoder.encode(ALL_CLICKS, StandardCharsets.UTF_8) + "&date_from=-1d&date_to=" + freshWindowEnd()))
                        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JSON.readTree(response.body()).forEach(rows::add);
                return rows.stream().mapToLong(row -> row.get("count").asLong()).sum() >= clicks;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the stats API did not count " + clicks + " clicks within 30 s; it answered " + rows
                    + "; the page's console:\n" + String.join("\n", browser.console()), e);
        }
        return List.copyOf(rows);
    }

    /** Once the stats API counts {@code clicks} clicks on the page at {@code url}. */
    private static void awaitClicks(BinRun.Flags flags, String key, String url, int clicks) {
        String properties = "[{\"key\":\"$current_url\",\"value\":\"" + url + "\",\"operator\":\"exact\"}]";
        long[] counted = {0};
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(flags.apiUrl() + "/api/projects/1/elements/stats/?paginate_response=false"
                        + "&date_from=-1d&date_to=" + freshWindowEnd() + "&properties=" + URLEncoder.encode(properties, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                counted[0] = 0;
                JSON.readTree(response.body()).forEach(row -> counted[0] += row.get("count").asLong());
                return counted[0] >= clicks;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the stats API counted " + counted[0] + " of the " + clicks + " clicks sent for " + url + " within 60 s", e);
        }
    }

    /** The project token bin/run prints in its posthog.init line, which the launch link must carry. */
    private static String projectToken(ChildProcess run) {
        Matcher init = Pattern.compile("posthog\\.init\\('([^']+)'").matcher(run.output());
        assertThat(init.find()).as("bin/run prints how to init posthog-js").isTrue();
        return init.group(1);
    }

    /**
     * An end of the window a little in the future and new every second: the stats API caches a page for 30 s per
     * normalised query, so a query of its own each second sees what ingest stored meanwhile.
     */
    private static String freshWindowEnd() {
        return Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static JsonNode row(List<JsonNode> rows, String type, String tag) {
        return rows.stream().filter(row -> row.get("type").asText().equals(type) && row.get("elements").get(0).get("tag_name").asText().equals(tag))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " row for a " + tag + " in " + rows));
    }

    /** The element's position among its parent's children, counted from 1, as the browser sees it. */
    private static int siblingPosition(Browser browser, String selector) {
        Object position = ((JavascriptExecutor) browser.driver()).executeScript(
                "var e = document.querySelector(arguments[0]); return Array.prototype.indexOf.call(e.parentElement.children, e) + 1;", selector);
        return ((Number) position).intValue();
    }
}
