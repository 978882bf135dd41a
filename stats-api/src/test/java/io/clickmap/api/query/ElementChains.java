package io.clickmap.api.query;

import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.Element;
import java.util.List;

/** Chains for element-filter tests, each written as it is stored, with where it comes from. */
final class ElementChains {
    /**
     * The demo page's add-to-cart click (launcher's demo-page.html), as posthog-js writes it: HTML attributes under
     * {@code attr__}, the id also as {@code attr_id}, positions counted from 1 (the recorded chain in CAPTURE.md).
     */
    static final String ADD_TO_CART = "button.btn.btn-primary:attr__class=\"btn btn-primary\"attr__data-attr=\"add-to-cart\""
            + "nth-child=\"3\"nth-of-type=\"1\"text=\"Add to cart\";"
            + "div.card.product:attr__class=\"card product\"attr__id=\"product-42\"attr_id=\"product-42\"nth-child=\"1\"nth-of-type=\"1\";"
            + "main:nth-child=\"2\"nth-of-type=\"1\";"
            + "body:nth-child=\"2\"nth-of-type=\"1\"";

    /** The demo page's navigation link. */
    static final String NAV_LINK = "a.nav-link:attr__class=\"nav-link\"attr__href=\"#sale\"href=\"#sale\"nth-child=\"1\"nth-of-type=\"1\""
            + "text=\"Sale\";nav:nth-child=\"1\"nth-of-type=\"1\";body:nth-child=\"2\"nth-of-type=\"1\"";

    /** ELEMENTS_CHAIN.md's four elements: a bare attribute key, an escaped quote and a ';' inside a value. */
    static final String SPEC_FOUR = "a.small:data-attr=\"something \\\" that; could mess up\"href=\"/a-url\"nth-child=\"1\"nth-of-type=\"0\""
            + "number=\"33\"prop=\"value\"style=\"min-height: 100vh;\"text=\"bla bla\";"
            + "button.btn.btn-primary:nth-child=\"0\"nth-of-type=\"0\";div:nth-child=\"0\"nth-of-type=\"0\";"
            + "div:attr_id=\"nested\"nth-child=\"0\"nth-of-type=\"0\"";

    /** ELEMENTS_CHAIN.md: a class with a colon in it, as Tailwind names classes. */
    static final String SPEC_COLON_CLASS = "a.small.xy:z:attr_class=\"xyz small\\\"\"href=\"/a-url\"nth-child=\"0\"nth-of-type=\"0\"";

    // PostHog's selector tests (TestFilterByActions._setup_action_selector_events), as elements_to_string writes them.
    /** An {@code a} in a button in a div in section#nested: the div sits between two other elements. */
    static final String POSTHOG_EVENT_1 = "a.one-class:href=\"/a-url\"nth-child=\"1\"nth-of-type=\"0\";button:nth-child=\"0\"nth-of-type=\"0\";"
            + "div:nth-child=\"0\"nth-of-type=\"0\";section:attr_id=\"nested\"nth-child=\"0\"nth-of-type=\"0\"";
    /** a#someId, second child, in six divs, in an element with no tag. */
    static final String POSTHOG_EVENT_2 = "a:attr_id=\"someId\"nth-child=\"2\"nth-of-type=\"0\";"
            + "div:nth-child=\"0\"nth-of-type=\"0\";".repeat(6) + ":href=\"/a-url-2\"nth-child=\"0\"nth-of-type=\"0\"";
    /** An {@code a} in one div. */
    static final String POSTHOG_EVENT_3 = "a:nth-child=\"3\"nth-of-type=\"0\";div:nth-child=\"0\"nth-of-type=\"0\"";
    /** PostHog's test_with_class: classes in another order than the selector's, and one more. */
    static final String POSTHOG_CLASSES = "span:nth-child=\"0\"nth-of-type=\"0\";a.active.crazy-class.nav-link:nth-child=\"0\"nth-of-type=\"0\"";

    private ElementChains() {
    }

    static List<Element> chain(String stored) {
        return ChainDecoder.decode(stored);
    }
}
