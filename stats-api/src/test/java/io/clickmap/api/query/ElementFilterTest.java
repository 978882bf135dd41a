package io.clickmap.api.query;

import static io.clickmap.api.query.ElementChains.ADD_TO_CART;
import static io.clickmap.api.query.ElementChains.NAV_LINK;
import static io.clickmap.api.query.ElementChains.POSTHOG_EVENT_2;
import static io.clickmap.api.query.ElementChains.SPEC_FOUR;
import static io.clickmap.api.query.ElementChains.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Element filters read from a query's JSON: which chains each key and operator matches, and what is refused. */
class ElementFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ElementFilter filter(String json) {
        try {
            return ElementFilter.parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ElementFilter filter(String key, String operator, String value) {
        return filter("{\"type\":\"element\",\"key\":\"" + key + "\",\"operator\":\"" + operator + "\",\"value\":" + value + "}");
    }

    private static boolean matches(ElementFilter filter, String stored) {
        return filter.matches(chain(stored));
    }

    private static void assertRefused(String json, String detail) {
        assertThatThrownBy(() -> filter(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().code()).isEqualTo("unsupported_query");
            assertThat(e.error().attr()).isEqualTo("query");
            assertThat(e.error().detail()).isEqualTo(detail);
        });
    }

    @Test
    void aSelectorFilterReadFromJsonMatchesTheChainsItsSelectorMatches() {
        ElementFilter button = filter("{\"type\":\"element\",\"key\":\"selector\",\"value\":\"[data-attr='add-to-cart']\",\"operator\":\"exact\"}");
        assertThat(button).isEqualTo(ElementFilter.of(ElementKey.SELECTOR, PropertyOperator.EXACT, List.of("[data-attr='add-to-cart']")));
        assertThat(matches(button, ADD_TO_CART)).isTrue();
        assertThat(matches(button, NAV_LINK)).isFalse();
    }

    @Test
    void withoutAnOperatorAFilterIsExactAsInPosthog() {
        ElementFilter filter = filter("{\"type\":\"element\",\"key\":\"tag_name\",\"value\":\"nav\"}");
        assertThat(filter.operator()).isEqualTo(PropertyOperator.EXACT);
        assertThat(matches(filter, NAV_LINK)).isTrue();
    }

    @Test
    void aListOfValuesMatchesAnyOfThemAndIsNotMatchesNoneOfThem() {
        ElementFilter anyOf = filter("selector", "exact", "[\"a.nav-link\", \"#product-42 > button\"]");
        assertThat(matches(anyOf, NAV_LINK)).isTrue();
        assertThat(matches(anyOf, ADD_TO_CART)).isTrue();
        assertThat(matches(anyOf, POSTHOG_EVENT_2)).isFalse();
        ElementFilter noneOf = filter("selector", "is_not", "[\"a.nav-link\", \"#product-42 > button\"]");
        assertThat(matches(noneOf, NAV_LINK)).isFalse();
        assertThat(matches(noneOf, ADD_TO_CART)).isFalse();
        assertThat(matches(noneOf, POSTHOG_EVENT_2)).isTrue();
    }

    @Test
    void aTagNameFilterMatchesAnyElementsTagInTheSameCase() {
        assertThat(matches(filter("tag_name", "exact", "\"main\""), ADD_TO_CART)).as("an ancestor").isTrue();
        assertThat(matches(filter("tag_name", "exact", "[\"a\", \"section\"]"), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("tag_name", "exact", "\"MAIN\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("tag_name", "is_not", "\"main\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("tag_name", "is_not", "[\"a\", \"nav\"]"), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("tag_name", "exact", "\"a.*\""), NAV_LINK)).as("a tag, not a regex").isFalse();
    }

    @Test
    void blankSelectorsAndTagsAreSkippedAsPosthogSkipsThem() {
        assertThat(matches(filter("selector", "exact", "[\"\", \"nav\"]"), NAV_LINK)).isTrue();
        assertThat(matches(filter("selector", "exact", "\" \""), NAV_LINK)).as("nothing left to match").isFalse();
        assertThat(matches(filter("selector", "is_not", "\"\""), NAV_LINK)).isTrue();
        assertThat(matches(filter("tag_name", "exact", "\"\""), NAV_LINK)).isFalse();
    }

    @Test
    void textExactAndIsNotCompareWholeTextsOfAnyElement() {
        assertThat(matches(filter("text", "exact", "\"Add to cart\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("text", "exact", "\"add to cart\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("text", "exact", "[\"Sale\", \"Add to cart\"]"), NAV_LINK)).isTrue();
        assertThat(matches(filter("text", "exact", "\"33\""), "a:text=\"33\"")).isTrue();
        assertThat(matches(filter("text", "exact", "33"), "a:text=\"33\"")).as("a number, as written").isTrue();
        assertThat(matches(filter("text", "is_not", "\"Sale\""), NAV_LINK)).isFalse();
        assertThat(matches(filter("text", "is_not", "\"Sale\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("text", "is_not", "\"Sale\""), POSTHOG_EVENT_2)).as("no element has text").isTrue();
    }

    @Test
    void aQuoteInATextIsMatchedAsThePageShowedIt() {
        String stored = "button:text=\"say \\\"hi\\\"\"";
        assertThat(matches(filter("text", "exact", "\"say \\\"hi\\\"\""), stored)).isTrue();
        assertThat(matches(filter("text", "icontains", "\"\\\"HI\\\"\""), stored)).isTrue();
        assertThat(matches(filter("text", "regex", "\"\\\"hi\\\"$\""), stored)).isTrue();
    }

    @Test
    void icontainsMatchesAPieceOfTextInAnyCase() {
        assertThat(matches(filter("text", "icontains", "\"TO CART\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("text", "icontains", "\"basket\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("text", "not_icontains", "\"TO CART\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("text", "not_icontains", "\"basket\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("href", "icontains", "\"A-URL\""), SPEC_FOUR)).isTrue();
    }

    @Test
    void aRegexMatchesAnywhereInTheTextUnlessAnchored() {
        assertThat(matches(filter("text", "regex", "\"cart$\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("text", "regex", "\"^cart\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("text", "not_regex", "\"cart$\""), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("text", "not_regex", "\"^cart\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("href", "regex", "\"^#(sale|contact)$\""), NAV_LINK)).isTrue();
        assertThat(matches(filter("href", "not_regex", "\"^#\""), NAV_LINK)).isFalse();
    }

    @Test
    void isSetAndIsNotSetAskWhetherAnyElementHasTheValue() {
        assertThat(matches(filter("href", "is_set", "null"), NAV_LINK)).isTrue();
        assertThat(matches(filter("href", "is_set", "null"), ADD_TO_CART)).isFalse();
        assertThat(matches(filter("href", "is_not_set", "null"), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("href", "is_not_set", "null"), NAV_LINK)).isFalse();
        assertThat(matches(filter("text", "is_set", "\"ignored\""), ADD_TO_CART)).isTrue();
        assertThat(matches(filter("text", "is_not_set", "null"), POSTHOG_EVENT_2)).isTrue();
    }

    @Test
    void hrefExactMatchesTheHrefOfAnyElement() {
        assertThat(matches(filter("href", "exact", "\"/a-url-2\""), POSTHOG_EVENT_2)).as("the outermost element").isTrue();
        assertThat(matches(filter("href", "exact", "\"/a-url\""), POSTHOG_EVENT_2)).isFalse();
        assertThat(matches(filter("href", "is_not", "[\"#sale\", \"#contact\"]"), NAV_LINK)).isFalse();
    }

    @Test
    void unknownKeysAndOperatorsAreRefusedWithWhatIsSupported() {
        assertRefused("{\"type\":\"element\",\"key\":\"attr_id\",\"value\":\"x\"}",
                "properties: the key of an element filter is one of tag_name, text, href, selector; got \"attr_id\".");
        assertRefused("{\"type\":\"element\",\"value\":\"x\"}",
                "properties: the key of an element filter is one of tag_name, text, href, selector; got nothing.");
        assertRefused("{\"type\":\"element\",\"key\":\"selector\",\"operator\":\"icontains\",\"value\":\"x\"}",
                "properties: the element filter on selector takes the operators exact, is_not; got \"icontains\".");
        assertRefused("{\"type\":\"element\",\"key\":\"tag_name\",\"operator\":\"regex\",\"value\":\"x\"}",
                "properties: the element filter on tag_name takes the operators exact, is_not; got \"regex\".");
        assertRefused("{\"type\":\"element\",\"key\":\"text\",\"operator\":\"gt\",\"value\":\"x\"}",
                "properties: the element filter on text takes the operators exact, is_not, icontains, not_icontains, regex, "
                        + "not_regex, is_set, is_not_set; got \"gt\".");
        assertRefused("{\"type\":\"event\",\"key\":\"text\",\"value\":\"x\"}",
                "properties: an element filter has type \"element\"; got \"event\".");
        assertRefused("{\"type\":\"element\",\"key\":[\"text\"],\"value\":\"x\"}",
                "properties: the key of an element filter is one of tag_name, text, href, selector; got an array.");
        assertRefused("[]", "properties: an element filter must be an object with type \"element\", key, value and operator.");
    }

    @Test
    void valuesOfTheWrongShapeOrTypeAreRefusedWithWhatTheFilterNeeds() {
        assertRefused("{\"key\":\"selector\",\"value\":null}",
                "properties: the element filter on selector with operator exact needs a value: a string, or a list of 1 to 100 of them.");
        assertRefused("{\"key\":\"selector\",\"value\":42}",
                "properties: the element filter on selector with operator exact needs a value: a string, or a list of 1 to 100 of them.");
        assertRefused("{\"key\":\"tag_name\",\"value\":[\"a\", {\"b\": 1}]}",
                "properties: the element filter on tag_name with operator exact needs a value: a string, or a list of 1 to 100 of them.");
        assertRefused("{\"key\":\"text\",\"value\":[]}",
                "properties: the element filter on text with operator exact needs a value: a string or a number, or a list of 1 to 100 of them.");
        assertRefused("{\"key\":\"text\",\"value\":[" + "\"x\",".repeat(100) + "\"x\"]}",
                "properties: the element filter on text with operator exact needs a value: a string or a number, or a list of 1 to 100 of them.");
        assertRefused("{\"key\":\"text\",\"operator\":\"icontains\",\"value\":[\"a\"]}",
                "properties: the element filter on text with operator icontains needs one value: a string or a number.");
        assertRefused("{\"key\":\"href\",\"value\":\"" + "x".repeat(10_001) + "\"}",
                "properties: a value of the element filter on href is longer than 10000 characters.");
        assertRefused("{\"key\":\"selector\",\"value\":\"" + " ".repeat(1_001) + "\"}",
                "properties: a value of the element filter on selector is longer than 1000 characters.");
    }

    @Test
    void aRegexIsCheckedLikeAnEventPropertysBeforeTheFilterExists() {
        assertRefused("{\"key\":\"text\",\"operator\":\"regex\",\"value\":\"(unclosed\"}",
                "properties: invalid regular expression in the element filter on text (RE2 syntax): missing closing ).");
        assertRefused("{\"key\":\"href\",\"operator\":\"not_regex\",\"value\":\"((a{1000}){1000}){1000}\"}",
                "properties: invalid regular expression in the element filter on href (RE2 syntax): nested repetition counts multiply beyond 1000.");
        assertRefused("{\"key\":\"text\",\"operator\":\"regex\",\"value\":\"" + "a".repeat(1_001) + "\"}",
                "properties: the regular expression of the element filter on text is longer than 1000 characters.");
    }

    @Test
    void aBadSelectorAmongGoodOnesRefusesTheWholeFilter() {
        assertRefused("{\"key\":\"selector\",\"value\":[\"nav\", \"a:hover\"]}",
                "properties: the element filter on selector supports tags, .class, #id, [attr=\"value\"], :nth-child(n), "
                        + ":nth-of-type(n) and the descendant and child combinators; got \"a:hover\" (the pseudo-class :hover is not supported).");
    }
}
