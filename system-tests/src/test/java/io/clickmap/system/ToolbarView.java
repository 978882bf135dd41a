package io.clickmap.system;

import static org.awaitility.Awaitility.await;

import io.clickmap.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The toolbar as a person sees it on the page, read through the hooks docs/toolbar.md names inside the open shadow
 * root of {@code #clickmap-toolbar}. Its controls are used with real WebDriver clicks (a script's element.click()
 * would land at (0, 0)); what it draws is read with getBoundingClientRect, next to the page element it should cover.
 * A wait that runs out fails with what the panel showed and what the page's console said.
 */
final class ToolbarView {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String MARKS = """
            var root = document.getElementById('clickmap-toolbar').shadowRoot;
            var boxes = root.querySelectorAll('.clickmap-box'), badges = root.querySelectorAll('.clickmap-badge');
            function box(e) { var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
            // boxes and badges are drawn in the same order, one pair per placed element
            return Array.prototype.map.call(badges, function (badge, i) {
              return {count: Number(badge.dataset.count), rank: Number(badge.dataset.rank), match: badge.dataset.match,
                      selected: badge.hasAttribute('data-selected'), badge: box(badge), outline: box(boxes[i])};
            });""";

    private final Browser browser;

    private ToolbarView(Browser browser) {
        this.browser = browser;
    }

    /** Opens a page as a fresh load (a link differing only in its hash would not reload it), then waits for the toolbar's answer. */
    static ToolbarView open(Browser browser, String url) {
        browser.open("about:blank");
        browser.open(url);
        ToolbarView view = new ToolbarView(browser);
        view.awaitPanel("the toolbar opened and read the stats", panel -> !"loading".equals(panel.getDomAttribute("data-state")));
        return view;
    }

    /** A mark the toolbar drew for one placed element: its badge and the outline around the element, in viewport pixels. */
    record Mark(long count, int rank, String match, boolean selected, Box badge, Box outline) {
        /** The outline is the element's box and the badge sits on its top-left corner. */
        boolean covers(Box element) {
            return outline.near(element) && badge.contains(element.left(), element.top());
        }
    }

    record Box(double left, double top, double right, double bottom) {
        static Box of(Object rect) {
            List<?> sides = (List<?>) rect;
            return new Box(number(sides.get(0)), number(sides.get(1)), number(sides.get(2)), number(sides.get(3)));
        }

        boolean contains(double x, double y) {
            return left <= x && x <= right && top <= y && y <= bottom;
        }

        boolean near(Box other) {
            return Math.abs(left - other.left) < 1 && Math.abs(top - other.top) < 1 && Math.abs(right - other.right) < 1 && Math.abs(bottom - other.bottom) < 1;
        }

        private static double number(Object value) {
            return ((Number) value).doubleValue();
        }
    }

    String state() {
        return panel().getDomAttribute("data-state");
    }

    /** A data attribute of the panel: {@code rows}, {@code unplaced}, {@code match-ms}. */
    String panel(String name) {
        return panel().getDomAttribute("data-" + name);
    }

    List<Mark> marks() {
        List<?> marks = (List<?>) script(MARKS);
        return marks.stream().map(Map.class::cast).map(mark -> new Mark(((Number) mark.get("count")).longValue(), ((Number) mark.get("rank")).intValue(),
                (String) mark.get("match"), Boolean.TRUE.equals(mark.get("selected")), Box.of(mark.get("badge")), Box.of(mark.get("outline")))).toList();
    }

    /** The marks drawn over the page element the selector finds. */
    List<Mark> marksOn(String selector) {
        return on(marks(), selector);
    }

    /** Of these marks, those over the page element the selector finds. */
    List<Mark> on(List<Mark> marks, String selector) {
        Box element = box(selector);
        return marks.stream().filter(mark -> mark.covers(element)).toList();
    }

    /** Where the page element is in the viewport now. */
    Box box(String selector) {
        return Box.of(script("var r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", selector));
    }

    /** The blue frame the list puts around a chosen element, or null while none is shown. */
    Box highlight() {
        Object rect = script("var h = document.getElementById('clickmap-toolbar').shadowRoot.getElementById('clickmap-highlight');"
                + " if (h.hidden) return null; var r = h.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];");
        return rect == null ? null : Box.of(rect);
    }

    long elementCount() {
        return ((Number) script("return document.getElementsByTagName('*').length;")).longValue();
    }

    double viewportHeight() {
        return ((Number) script("return window.innerHeight;")).doubleValue();
    }

    double scrollY() {
        return ((Number) script("return window.scrollY;")).doubleValue();
    }

    String error() {
        return shadow().findElement(By.id("clickmap-error")).getText();
    }

    /** Ticks or unticks a click kind; the toolbar re-counts what it fetched, without asking again. */
    void count(String kind, boolean counted) {
        WebElement box = shadow().findElement(By.cssSelector("input[name=kind][value=\"" + kind + "\"]"));
        if (box.isSelected() != counted) {
            box.click();
        }
    }

    /** Chooses an option of one of the panel's selects ({@code clickmap-url-mode}, {@code clickmap-date-from}): the toolbar fetches again. */
    void choose(String select, String value) {
        shadow().findElement(By.id(select)).click();
        shadow().findElement(By.cssSelector("#" + select + " option[value=\"" + value + "\"]")).click();
    }

    /** Clicks the list entry of the element ranked so. */
    void selectRow(int rank) {
        shadow().findElement(By.cssSelector(".clickmap-row[data-rank=\"" + rank + "\"] button")).click();
    }

    /** Waits until the panel is ready and shows what {@code shown} expects. */
    void awaitReady(String what, Predicate<ToolbarView> shown) {
        awaitPanel(what, panel -> "ready".equals(panel.getDomAttribute("data-state")) && shown.test(this));
    }

    void awaitPanel(String what, Predicate<WebElement> shows) {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> shows.test(panel()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the toolbar did not show that " + what + " within " + PATIENCE.toSeconds() + " s; its panel: " + describe()
                    + "; the page's console:\n" + String.join("\n", browser.console()), e);
        }
    }

    private String describe() {
        try {
            return (String) script("var p = document.getElementById('clickmap-toolbar').shadowRoot.getElementById('clickmap-panel');"
                    + " return JSON.stringify(p.dataset) + ' ' + p.innerText;");
        } catch (RuntimeException e) {
            return "none (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private WebElement panel() {
        return shadow().findElement(By.id("clickmap-panel"));
    }

    private SearchContext shadow() {
        return browser.driver().findElement(By.id("clickmap-toolbar")).getShadowRoot();
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
    }
}
