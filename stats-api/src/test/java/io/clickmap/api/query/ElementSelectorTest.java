package io.clickmap.api.query;

import static io.clickmap.api.query.ElementChains.ADD_TO_CART;
import static io.clickmap.api.query.ElementChains.NAV_LINK;
import static io.clickmap.api.query.ElementChains.POSTHOG_CLASSES;
import static io.clickmap.api.query.ElementChains.POSTHOG_EVENT_1;
import static io.clickmap.api.query.ElementChains.POSTHOG_EVENT_2;
import static io.clickmap.api.query.ElementChains.POSTHOG_EVENT_3;
import static io.clickmap.api.query.ElementChains.SPEC_COLON_CLASS;
import static io.clickmap.api.query.ElementChains.SPEC_FOUR;
import static io.clickmap.api.query.ElementChains.chain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a parsed selector matches in stored chains: PostHog's cases first, then each part of the syntax. */
class ElementSelectorTest {

    private static boolean matches(String selector, String stored) {
        return ElementSelector.parse(selector).matches(chain(stored));
    }

    /** Which of PostHog's three test events the selector matches, by number. */
    private static List<Integer> posthogEventsMatching(String selector) {
        List<String> events = List.of(POSTHOG_EVENT_1, POSTHOG_EVENT_2, POSTHOG_EVENT_3);
        return Stream.of(1, 2, 3).filter(n -> matches(selector, events.get(n - 1))).toList();
    }

    @Test
    void posthogsSelectorTestsMatchTheEventsPosthogExpects() {
        assertThat(posthogEventsMatching("div > div > a")).containsExactly(2);
        assertThat(posthogEventsMatching("div > a.somethingthatdoesntexist")).isEmpty();
        assertThat(posthogEventsMatching("div > a:nth-child(2)")).containsExactly(2);
        assertThat(posthogEventsMatching("[id='someId']")).containsExactly(2);
        assertThat(posthogEventsMatching("[id='nested'] a")).containsExactly(1);
        assertThat(posthogEventsMatching("div *")).containsExactly(1, 2, 3);
    }

    @Test
    void aTagMatchesElementsWithExactlyThatTagInTheSameCase() {
        assertThat(matches("button", ADD_TO_CART)).isTrue();
        assertThat(matches("a", ADD_TO_CART)).isFalse();
        assertThat(matches("butto", ADD_TO_CART)).isFalse();
        assertThat(matches("BUTTON", ADD_TO_CART)).as("case-sensitive, as PostHog's regex").isFalse();
        assertThat(matches("*", ADD_TO_CART)).isTrue();
    }

    @Test
    void severalClassesMatchAnElementHavingAllOfThemInAnyOrder() {
        assertThat(matches("a.nav-link.active", POSTHOG_CLASSES)).isTrue();
        assertThat(matches(".active.nav-link", POSTHOG_CLASSES)).isTrue();
        assertThat(matches(".btn-primary.btn", ADD_TO_CART)).isTrue();
        assertThat(matches(".btn.card", ADD_TO_CART)).as("two classes of two different elements").isFalse();
        assertThat(matches(".nav", POSTHOG_CLASSES)).as("a class is a whole name, not a prefix").isFalse();
    }

    @Test
    void aClassWithAColonIsMatchedWrittenPlainOrEscaped() {
        assertThat(matches("a.xy:z", SPEC_COLON_CLASS)).isTrue();
        assertThat(matches(".xy\\:z", SPEC_COLON_CLASS)).isTrue();
        assertThat(matches(".xy", SPEC_COLON_CLASS)).isFalse();
    }

    @Test
    void anIdMatchesTheElementsAttrId() {
        assertThat(matches("#product-42", ADD_TO_CART)).isTrue();
        assertThat(matches("div#product-42.card", ADD_TO_CART)).isTrue();
        assertThat(matches("button#product-42", ADD_TO_CART)).isFalse();
        assertThat(matches("#nested", SPEC_FOUR)).isTrue();
        assertThat(matches("#\\31 23", "div:attr_id=\"123\"")).as("a CSS hex escape").isTrue();
    }

    @Test
    void anAttributeIsTheHtmlAttributeAsPosthogJsStoresIt() {
        assertThat(matches("[data-attr=\"add-to-cart\"]", ADD_TO_CART)).isTrue();
        assertThat(matches("button[data-attr='add-to-cart']", ADD_TO_CART)).isTrue();
        assertThat(matches("[data-attr=add-to-cart]", ADD_TO_CART)).as("unquoted, as CSS allows").isTrue();
        assertThat(matches("[ data-attr = \"add-to-cart\" ]", ADD_TO_CART)).isTrue();
        assertThat(matches("[data-attr]", ADD_TO_CART)).isTrue();
        assertThat(matches("[data-attr=\"add\"]", ADD_TO_CART)).isFalse();
        assertThat(matches("[data-other]", ADD_TO_CART)).isFalse();
        assertThat(matches("div[data-attr]", ADD_TO_CART)).as("the attribute is on the button").isFalse();
    }

    @Test
    void anAttributeStoredUnderItsBareNameOrAsAFieldMatchesToo() {
        assertThat(matches("[prop=\"value\"]", SPEC_FOUR)).isTrue();
        assertThat(matches("[href=\"/a-url\"]", SPEC_FOUR)).isTrue();
        assertThat(matches("[href='#sale']", NAV_LINK)).isTrue();
        assertThat(matches("[id=\"product-42\"]", ADD_TO_CART)).isTrue();
    }

    @Test
    void anAttributeValueIsComparedWithTheQuotesThePageHad() {
        assertThat(matches("[data-attr='something \" that; could mess up']", SPEC_FOUR)).isTrue();
        assertThat(matches("[data-attr=\"something \\\" that; could mess up\"]", SPEC_FOUR)).isTrue();
        assertThat(matches("[data-attr='something \\\\\" that; could mess up']", SPEC_FOUR))
                .as("a backslash the page did not have").isFalse();
    }

    @Test
    void positionsMatchNthChildAndNthOfType() {
        assertThat(matches("button:nth-child(3)", ADD_TO_CART)).isTrue();
        assertThat(matches("button:nth-child(1)", ADD_TO_CART)).isFalse();
        assertThat(matches("button:nth-of-type(1)", ADD_TO_CART)).isTrue();
        assertThat(matches("button:nth-of-type(3)", ADD_TO_CART)).isFalse();
        assertThat(matches(".btn:nth-child( 3 ):nth-of-type(1)", ADD_TO_CART)).isTrue();
        assertThat(matches("main:nth-child(2) > div:nth-child(1) > button", ADD_TO_CART)).isTrue();
    }

    @Test
    void aDescendantMayBeAnyFurtherAncestorButAChildOnlyTheParent() {
        assertThat(matches("section a", POSTHOG_EVENT_1)).isTrue();
        assertThat(matches("section > a", POSTHOG_EVENT_1)).isFalse();
        assertThat(matches("button > a", POSTHOG_EVENT_1)).isTrue();
        assertThat(matches("main button", ADD_TO_CART)).isTrue();
        assertThat(matches("main > button", ADD_TO_CART)).isFalse();
        assertThat(matches("body main > .card button", ADD_TO_CART)).isTrue();
        assertThat(matches("body > .card button", ADD_TO_CART)).isFalse();
        assertThat(matches("main>div>button", ADD_TO_CART)).as("no spaces around >").isTrue();
    }

    @Test
    void compoundsMustMatchAncestorsInOrderOutwards() {
        assertThat(matches("body main", ADD_TO_CART)).isTrue();
        assertThat(matches("main body", ADD_TO_CART)).isFalse();
        assertThat(matches("button button", ADD_TO_CART)).as("an element is not its own ancestor").isFalse();
        assertThat(matches("div div div div div div a", POSTHOG_EVENT_2)).isTrue();
        assertThat(matches("div div div div div div div a", POSTHOG_EVENT_2)).isFalse();
    }

    @Test
    void theLastCompoundMatchesAnyElementOfTheChainNotOnlyTheClickedOne() {
        assertThat(matches(".card", ADD_TO_CART)).isTrue();
        assertThat(matches("main > div.product", ADD_TO_CART)).isTrue();
        assertThat(matches("nav", NAV_LINK)).isTrue();
        assertThat(matches("body", NAV_LINK)).isTrue();
    }

    @Test
    void aChildCombinatorAfterADescendantOneIsFoundWhereTheNearestAncestorWouldMislead() {
        // The nearest div above the a is not a child of a section; the one above it is.
        String stored = "a:nth-child=\"1\";div.inner:nth-child=\"1\";div.outer:nth-child=\"1\";section:nth-child=\"1\"";
        assertThat(matches("section > div a", stored)).isTrue();
        assertThat(matches("section > div > a", stored)).isFalse();
        assertThat(matches("section > .inner a", stored)).isFalse();
    }

    @Test
    void anEmptyChainMatchesNothing() {
        assertThat(ElementSelector.parse("*").matches(List.of())).isFalse();
    }
}
