package io.clickmap.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.testing.Browser;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The shared-insight page as a visitor sees it, in Debian's headless Chromium: the chart's series, values and
 * bucket labels are the API's result for the same insight, bars and big numbers follow the query's display, an
 * insight without a result says so, and a protected share asks for its password first. Screenshots go to
 * stats-api/target/screenshots/ for a person to look at.
 */
@MicronautTest
class SharedPageBrowserTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String BUTTON = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"";
    private static final String SERIES = "[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"name\":\"$autocapture\"},"
            + "{\"kind\":\"EventsNode\",\"event\":\"$rageclick\",\"name\":\"$rageclick\"}]";
    private static final String MARCH = "\"dateRange\":{\"date_from\":\"2021-03-01\",\"date_to\":\"2021-03-31\"}";

    private Browser browser;

    @BeforeAll
    void storeClicksAndStartTheBrowser() {
        Events events = new Events();
        for (int day = 1; day <= 31; day++) {
            String date = "2021-03-" + (day < 10 ? "0" : "") + day + "T10:00:00Z";
            events.click(1, "$autocapture", BUTTON, "https://shop.example.com/", date).times(day % 7 + 2);
            if (day % 3 == 0) {
                events.click(1, "$rageclick", BUTTON, "https://shop.example.com/", date).times(day % 4 + 1);
            }
        }
        events.insertInto(CLICKHOUSE);
        browser = Browser.start("shared-page");
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private long insight(String name, String description, String source) {
        String query = source == null ? "" : ",\"query\":{\"kind\":\"InsightVizNode\",\"source\":" + source + "}";
        Api.Reply created = api().send("POST", INSIGHTS, "{\"name\":\"" + name + "\",\"description\":\"" + description + "\"" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private String share(long id, String body) {
        Api.Reply shared = api().send("PATCH", INSIGHTS + id + "/sharing/", body);
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        return shared.json().get("access_token").asText();
    }

    private JsonNode result(long id) {
        return api().get(INSIGHTS + id + "/?refresh=blocking").json().get("result");
    }

    private String url(String token) {
        return server.getURL() + "/shared/" + token;
    }

    @Test
    void theLineChartShowsEverySeriesOfTheApisResultWithThinnedDateLabelsAndALegend() {
        long id = insight("Clicks in March", "Buy button, by kind of click", "{\"kind\":\"TrendsQuery\",\"series\":" + SERIES + "," + MARCH + "}");
        String token = share(id, "{\"enabled\":true}");
        JsonNode result = result(id);

        browser.open(url(token));
        browser.screenshot("shared-insight-line");
        assertThat(browser.driver().findElement(By.id("name")).getText()).isEqualTo("Clicks in March");
        assertThat(browser.driver().findElement(By.id("description")).getText()).isEqualTo("Buy button, by kind of click");
        WebElement chart = browser.driver().findElement(By.cssSelector("svg.chart"));
        assertThat(chart.getDomAttribute("data-kind")).isEqualTo("line");
        assertThat(Api.json(chart.getDomAttribute("data-labels"))).isEqualTo(result.get(0).get("labels"));
        List<WebElement> series = chart.findElements(By.cssSelector("g.series"));
        assertThat(series).hasSize(2);
        for (int i = 0; i < series.size(); i++) {
            assertThat(series.get(i).getDomAttribute("data-label")).isEqualTo(result.get(i).get("label").asText());
            assertThat(Api.json(series.get(i).getDomAttribute("data-values"))).isEqualTo(result.get(i).get("data"));
            assertThat(series.get(i).findElements(By.tagName("polyline"))).hasSize(1);
        }
        List<String> dates = chart.findElements(By.cssSelector("text.x-label")).stream().map(WebElement::getText).toList();
        assertThat(dates).hasSizeBetween(4, 12).first().isEqualTo(result.get(0).get("labels").get(0).asText());
        assertThat(chart.findElements(By.cssSelector("text.y-tick"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.driver().findElements(By.cssSelector(".legend li")).stream().map(WebElement::getText).toList())
                .containsExactly("$autocapture", "$rageclick");
        assertThat(browser.console()).noneMatch(line -> line.contains("SEVERE"));
    }

    @Test
    void aBarDisplayIsDrawnAsBarsAndATotalValueDisplayAsABigNumber() {
        long bars = insight("Clicks as bars", "", "{\"kind\":\"TrendsQuery\",\"series\":" + SERIES + "," + MARCH
                + ",\"trendsFilter\":{\"display\":\"ActionsBar\"}}");
        browser.open(url(share(bars, "{\"enabled\":true}")));
        browser.screenshot("shared-insight-bars");
        WebElement chart = browser.driver().findElement(By.cssSelector("svg.chart"));
        assertThat(chart.getDomAttribute("data-kind")).isEqualTo("bar");
        assertThat(chart.findElements(By.cssSelector("g.series rect"))).hasSize(2 * 31);
        assertThat(Api.json(chart.findElements(By.cssSelector("g.series")).get(1).getDomAttribute("data-values"))).isEqualTo(result(bars).get(1).get("data"));

        long number = insight("Clicks in total", "All of March", "{\"kind\":\"TrendsQuery\",\"series\":[" + SERIES.substring(1, SERIES.indexOf("},") + 1)
                + "]," + MARCH + ",\"trendsFilter\":{\"display\":\"BoldNumber\"}}");
        browser.open(url(share(number, "{\"enabled\":true}")));
        browser.screenshot("shared-insight-number");
        WebElement big = browser.driver().findElement(By.cssSelector(".number"));
        JsonNode total = result(number).get(0);
        assertThat(big.getDomAttribute("data-value")).isEqualTo(total.get("aggregated_value").asText());
        assertThat(big.findElement(By.cssSelector(".value")).getText()).isEqualTo(String.format("%,d", total.get("aggregated_value").asLong()));
    }

    @Test
    void anInsightWithoutAResultSaysSoAndAnUnknownLinkIsNotFound() {
        long empty = insight("Nothing yet", "No query saved", null);
        browser.open(url(share(empty, "{\"enabled\":true,\"settings\":{\"hideExtraDetails\":true}}")));
        browser.screenshot("shared-insight-no-result");
        assertThat(browser.driver().findElement(By.id("no-result")).getText()).contains("no result");
        assertThat(browser.driver().findElements(By.cssSelector(".updated"))).isEmpty();

        Api.Reply unknown = api().withKey(null).get("/shared/not-a-real-token");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("not available");
    }

    @Test
    void theSharedPageForbidsScriptsAndCaching() {
        long id = insight("Headers", "", null);
        Api.Reply page = api().withKey(null).get("/shared/" + share(id, "{\"enabled\":true}"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.header("Cache-Control")).hasValue("no-store");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'none'; style-src 'sha256-"));
        assertThat(page.header("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    void aProtectedShareShowsTheInsightOnlyAfterTheRightPasswordWithAnHttpOnlyCookie() {
        long id = insight("Board numbers", "For the board only", "{\"kind\":\"TrendsQuery\",\"series\":" + SERIES + "," + MARCH + "}");
        String token = share(id, "{\"enabled\":true,\"password_required\":true}");
        Api.Reply created = api().send("POST", INSIGHTS + id + "/sharing/passwords/", "{\"raw_password\":\"open sesame 42\"}");
        assertThat(created.status()).isEqualTo(201);

        Api.Reply wrongJson = api().withKey(null).send("POST", "/shared/" + token, "{\"password\":\"not it at all\"}");
        assertThat(wrongJson.status()).isEqualTo(401);
        assertThat(wrongJson.json()).isEqualTo(Api.json("{\"error\":\"Incorrect password\"}"));
        assertThat(api().withKey(null).get("/shared/" + token).body()).doesNotContain("Board numbers").contains("password");

        browser.open(url(token));
        browser.screenshot("shared-insight-password-form");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).isEmpty();
        browser.driver().findElement(By.id("password")).sendKeys("not it at all");
        browser.driver().findElement(By.id("unlock")).click();
        await().until(() -> !browser.driver().findElements(By.id("incorrect")).isEmpty());
        assertThat(browser.driver().findElement(By.id("incorrect")).getText()).isEqualTo("Incorrect password");
        browser.screenshot("shared-insight-password-wrong");

        browser.driver().findElement(By.id("password")).sendKeys("open sesame 42");
        browser.driver().findElement(By.id("unlock")).click();
        await().until(() -> !browser.driver().findElements(By.id("name")).isEmpty());
        assertThat(browser.driver().findElement(By.id("name")).getText()).isEqualTo("Board numbers");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart g.series"))).hasSize(2);
        browser.screenshot("shared-insight-password-unlocked");
        Cookie session = browser.driver().manage().getCookieNamed(ShareSessions.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getPath()).isEqualTo("/shared/" + token);
        assertThat(session.getExpiry()).isNotNull();

        // the cookie is worth nothing once its password is deleted, and it was never worth anything on the API
        assertThat(api().withKey(null).getWithAuthorization(INSIGHTS + id + "/", null).status()).isEqualTo(401);
        String passwordId = created.json().get("id").asText();
        assertThat(api().send("DELETE", INSIGHTS + id + "/sharing/passwords/" + passwordId + "/").status()).isEqualTo(204);
        browser.open(url(token));
        assertThat(browser.driver().findElements(By.id("password"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).isEmpty();
    }
}
