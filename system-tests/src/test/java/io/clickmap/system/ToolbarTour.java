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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a site owner does with the toolbar once clicks are counted, step by step in one browser: opens a launch link
 * and looks at the badges, changes the panel's choices, picks an element from the list, opens a long page, and
 * comes back with a link that has expired. Each step asserts what the toolbar draws against the stats API's own
 * numbers, and the screenshots land in target/screenshots/ (toolbar-panel-filtered.png is README's picture).
 */
final class ToolbarTour {
    static final String BUTTON = "[data-attr=add-to-cart]";
    static final String NOTE = ".note";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Browser browser;

    ToolbarTour(Browser browser) {
        this.browser = browser;
    }

    /** The demo page's button (clicked {@code clicks} times, {@code rageClicks} of them a burst) and its note ({@code deadClicks}). */
    void demoPage(LaunchLink link, long clicks, long rageClicks, long deadClicks) {
        ToolbarView toolbar = ToolbarView.open(browser, link.url());
        toolbar.awaitReady("the button's clicks", shown -> shown.marks().size() == 1);
        assertThat(browser.driver().getCurrentUrl()).as("posthog-js took the launch parameters out of the address").doesNotContain("__posthog");
        ToolbarView.Mark button = single(toolbar, BUTTON);
        assertThat(button.count()).as("clicks only, by default").isEqualTo(clicks);
        assertThat(button.rank()).isEqualTo(1);
        assertThat(button.match()).as("the page is as it was when clicked").isEqualTo("exact");
        assertThat(toolbar.marksOn(NOTE)).as("the note had no click that changed anything").isEmpty();
        assertThat(toolbar.panel("rows")).isEqualTo("1");
        assertThat(toolbar.panel("unplaced")).isEqualTo("0");
        System.out.printf("toolbar on the demo page: %s rows copied and matched in %s ms%n", toolbar.panel("rows"), toolbar.panel("match-ms"));
        browser.screenshot("toolbar-badges");

        toolbar.count("$rageclick", true);
        toolbar.awaitReady("rage clicks counted too", shown -> "2".equals(shown.panel("rows")));
        assertThat(single(toolbar, BUTTON).count()).as("a rage click is also a click: the burst counts twice").isEqualTo(clicks + rageClicks);
        assertThat(toolbar.marksOn(NOTE)).isEmpty();

        toolbar.count("$dead_click", true);
        toolbar.awaitReady("dead clicks counted too", shown -> "3".equals(shown.panel("rows")));
        assertThat(single(toolbar, NOTE).count()).isEqualTo(deadClicks);
        assertThat(single(toolbar, NOTE).rank()).isEqualTo(2);
        assertThat(single(toolbar, BUTTON).count()).isEqualTo(clicks + rageClicks);
        assertThat(toolbar.panel("unplaced")).isEqualTo("0");

        toolbar.selectRow(1);
        awaitHighlightOn(toolbar, BUTTON);
        assertThat(single(toolbar, BUTTON).selected()).isTrue();
        browser.screenshot("toolbar-panel-filtered");

        toolbar.count("$autocapture", false);
        toolbar.awaitReady("clicks no longer counted", shown -> "2".equals(shown.panel("rows")));
        assertThat(single(toolbar, BUTTON).count()).as("the burst alone").isEqualTo(rageClicks);
    }

    /** A link for the page's address with a query no click had: nothing in exact mode, the page's clicks in simple mode. */
    void urlMode(LaunchLink link, long clicks) {
        ToolbarView toolbar = ToolbarView.open(browser, link.url());
        toolbar.awaitReady("no clicks on this exact address", shown -> "0".equals(shown.panel("rows")));
        assertThat(toolbar.marks()).isEmpty();
        toolbar.choose("clickmap-url-mode", "simple");
        toolbar.awaitReady("the page's clicks whatever the query", shown -> "1".equals(shown.panel("rows")));
        assertThat(single(toolbar, BUTTON).count()).isEqualTo(clicks);
        toolbar.choose("clickmap-date-from", "-1d");
        toolbar.awaitReady("today's clicks", shown -> "1".equals(shown.panel("rows")) && shown.marks().size() == 1);
        assertThat(single(toolbar, BUTTON).count()).as("every click was today").isEqualTo(clicks);
    }

    /** The catalogue's 5,000 rows: matched (the time printed, never asserted), drawn, and the most clicked found far down the page. */
    void catalogue(LaunchLink link) {
        long opened = System.nanoTime();
        ToolbarView toolbar = ToolbarView.open(browser, link.url());
        toolbar.awaitReady("the catalogue's clicks", shown -> true);
        double drawn = (System.nanoTime() - opened) / 1e9;
        assertThat(toolbar.panel("rows")).isEqualTo(String.valueOf(Catalogue.ROWS));
        assertThat(toolbar.panel("unplaced")).as("the clicks of the cards the page no longer shows").isEqualTo(String.valueOf(Catalogue.GONE));
        assertThat(toolbar.marks()).hasSize(Catalogue.ROWS - Catalogue.GONE);
        System.out.printf("toolbar on the catalogue: %s rows copied and matched against %s elements in %s ms; page loaded, stats fetched,"
                + " matched and %d badges drawn %.1f s after opening the link%n", toolbar.panel("rows"), toolbar.elementCount(), toolbar.panel("match-ms"),
                Catalogue.ROWS - Catalogue.GONE, drawn);
        assertThat(toolbar.marksOn("li[data-sku=sku-1] h3")).as("a card nobody clicked").isEmpty();
        assertThat(single(toolbar, "li[data-sku=sku-600] a").count()).isEqualTo(1);

        assertThat(toolbar.box(Catalogue.MOST_CLICKED_ELEMENT).top()).as("the last card starts below the fold").isGreaterThan(toolbar.viewportHeight());
        toolbar.selectRow(1);
        awaitHighlightOn(toolbar, Catalogue.MOST_CLICKED_ELEMENT);
        ToolbarView.Box target = toolbar.box(Catalogue.MOST_CLICKED_ELEMENT);
        assertThat(target.top()).as("scrolled into view").isBetween(0.0, toolbar.viewportHeight());
        assertThat(toolbar.scrollY()).isPositive();
        ToolbarView.Mark most = single(toolbar, Catalogue.MOST_CLICKED_ELEMENT);
        assertThat(most.count()).isEqualTo(Catalogue.MOST_CLICKED);
        assertThat(most.rank()).isEqualTo(1);
        assertThat(most.selected()).isTrue();
    }

    /** Once the link's token has expired, the toolbar says so in the stats API's words, and shows nothing else. */
    void expired(LaunchLink link, String apiUrl) throws Exception {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(link.expiresAt().plusSeconds(1)));
        String refusal = refusal(apiUrl, link.parameters().get("temporaryToken").asText());
        assertThat(refusal).contains("expired", "launch the toolbar again");
        ToolbarView toolbar = ToolbarView.open(browser, link.url());
        toolbar.awaitPanel("the token expired", panel -> "error".equals(panel.getDomAttribute("data-state")));
        assertThat(toolbar.error()).isEqualTo(refusal);
        assertThat(toolbar.marks()).isEmpty();
        browser.screenshot("toolbar-expired");
    }

    /** The 401 detail the stats API gives the token, asked the way the toolbar asks. */
    private static String refusal(String apiUrl, String token) throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/environments/1/elements/stats/?temporary_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(refused.body());
        return body.get("detail").asText();
    }

    private static void awaitHighlightOn(ToolbarView toolbar, String selector) {
        toolbar.awaitPanel("the chosen element highlighted", panel -> {
            ToolbarView.Box highlight = toolbar.highlight();
            return highlight != null && highlight.near(toolbar.box(selector));
        });
    }

    private static ToolbarView.Mark single(ToolbarView toolbar, String selector) {
        List<ToolbarView.Mark> all = toolbar.marks();
        List<ToolbarView.Mark> on = toolbar.on(all, selector);
        assertThat(on).as("one badge on %s, with its outline around it (at %s); of %d marks: %s", selector, toolbar.box(selector), all.size(),
                all.subList(0, Math.min(all.size(), 10))).hasSize(1);
        return on.get(0);
    }
}
