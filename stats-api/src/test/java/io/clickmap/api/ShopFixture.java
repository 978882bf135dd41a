package io.clickmap.api;

import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.testing.ClickHouseExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The hand-made data most API tests reason about. Environment 1 ("Shop"), on 2025-03-10 (UTC):
 * <pre>
 *   chain     event         count  page            plan
 *   PRICING   $autocapture  3      PRICING_URL     pro, pro, free
 *   SIGNUP    $autocapture  2      HOME_URL        pro (n=33), none
 *   IMAGE     $autocapture  2      PRICING_URL/""  free, none   (12:00 on the pricing page, 16:00 without a page)
 *   PRICING   $rageclick    2      PRICING_URL
 *   SIGNUP    $dead_click   1      HOME_URL
 *   ""        $autocapture  1      HOME_URL        (no chain: never counted)
 * </pre>
 * IMAGE $autocapture also at 2025-03-09 23:59:59 and 2025-03-11 00:00:00 (the day edges), and relative to
 * today: 2 days ago, 9 days ago, tomorrow, and today at 00:00:00. Environment 2 ("Blog"): PRICING
 * $autocapture ×5 on BLOG_URL on 2025-03-10. Unsigned hash order: SIGNUP &lt; PRICING &lt; IMAGE.
 */
public final class ShopFixture {
    public static final String DAY = "2025-03-10";
    public static final String PRICING = "a.nav-link:href=\"/pricing\"nth-child=\"1\"nth-of-type=\"1\"text=\"Pricing\";"
            + "li:nth-child=\"2\"nth-of-type=\"2\";nav.main.top:attr__data-section=\"header\"nth-child=\"0\"nth-of-type=\"0\"";
    public static final String SIGNUP = "button.btn.btn-primary:attr__data-track=\"signup\"attr__id=\"go\"attr_id=\"go\"nth-child=\"2\""
            + "nth-of-type=\"1\"text=\"Sign up\";div.hero:attr__data-track=\"hero\"nth-child=\"0\"nth-of-type=\"0\"";
    public static final String IMAGE = "img:nth-child=\"0\"nth-of-type=\"0\"";
    public static final String PRICING_HASH = "89d2addcaa060137";
    public static final String SIGNUP_HASH = "4665674da470ed9";
    public static final String IMAGE_HASH = "da82e1f62bf1f88b";
    public static final String PRICING_URL = "https://shop.example.com/pricing";
    public static final String HOME_URL = "https://www.shop.example.com/?ref=ad#top";
    public static final String BLOG_URL = "https://blog.example.com/";

    public static final String PRICING_ELEMENTS = "[{\"text\":\"Pricing\",\"tag_name\":\"a\",\"attr_class\":[\"nav-link\"],\"href\":\"/pricing\","
            + "\"attr_id\":null,\"nth_child\":1,\"nth_of_type\":1,\"attributes\":{},\"order\":0},"
            + "{\"text\":null,\"tag_name\":\"li\",\"attr_class\":null,\"href\":null,\"attr_id\":null,\"nth_child\":2,\"nth_of_type\":2,"
            + "\"attributes\":{},\"order\":1},"
            + "{\"text\":null,\"tag_name\":\"nav\",\"attr_class\":[\"main\",\"top\"],\"href\":null,\"attr_id\":null,\"nth_child\":0,"
            + "\"nth_of_type\":0,\"attributes\":{\"attr__data-section\":\"header\"},\"order\":2}]";
    public static final String SIGNUP_ELEMENTS = "[{\"text\":\"Sign up\",\"tag_name\":\"button\",\"attr_class\":[\"btn\",\"btn-primary\"],"
            + "\"href\":null,\"attr_id\":\"go\",\"nth_child\":2,\"nth_of_type\":1,\"attributes\":{\"attr__data-track\":\"signup\","
            + "\"attr__id\":\"go\"},\"order\":0},"
            + "{\"text\":null,\"tag_name\":\"div\",\"attr_class\":[\"hero\"],\"href\":null,\"attr_id\":null,\"nth_child\":0,"
            + "\"nth_of_type\":0,\"attributes\":{\"attr__data-track\":\"hero\"},\"order\":1}]";
    public static final String IMAGE_ELEMENTS = "[{\"text\":null,\"tag_name\":\"img\",\"attr_class\":null,\"href\":null,\"attr_id\":null,"
            + "\"nth_child\":0,\"nth_of_type\":0,\"attributes\":{},\"order\":0}]";

    private ShopFixture() {
    }

    public static void load(ClickHouseExtension clickHouse, EnvironmentStore environments) {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Events events = new Events();
        events.click(1, "$autocapture", PRICING, PRICING_URL, "2025-03-10T10:00:00Z").property("plan", "pro").times(2)
                .click(1, "$autocapture", PRICING, PRICING_URL, "2025-03-10T10:00:00Z").property("plan", "free").once()
                .click(1, "$autocapture", SIGNUP, HOME_URL, "2025-03-10T11:00:00Z").property("plan", "pro").property("n", "33").once()
                .click(1, "$autocapture", SIGNUP, HOME_URL, "2025-03-10T11:00:00Z").once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, "2025-03-10T12:00:00Z").property("plan", "free").once()
                .click(1, "$autocapture", IMAGE, "", "2025-03-10T16:00:00Z").once()
                .click(1, "$rageclick", PRICING, PRICING_URL, "2025-03-10T13:00:00Z").times(2)
                .click(1, "$dead_click", SIGNUP, HOME_URL, "2025-03-10T14:00:00Z").once()
                .click(1, "$autocapture", "", HOME_URL, "2025-03-10T15:00:00Z").once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, "2025-03-09T23:59:59Z").once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, "2025-03-11T00:00:00Z").once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, today.minusSeconds(2 * 86_400 - 12 * 3_600)).once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, today.minusSeconds(9 * 86_400 - 12 * 3_600)).once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, today.plusSeconds(86_400 + 12 * 3_600)).once()
                .click(1, "$autocapture", IMAGE, PRICING_URL, today).once()
                .click(2, "$autocapture", PRICING, BLOG_URL, "2025-03-10T10:00:00Z").times(5)
                .insertInto(clickHouse);
    }
}
