package io.clickmap.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.clickmap.api.errors.ApiException;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.Element;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the selector parser refuses, each with a 400 that names the field and says why; hostile input never gets further. */
class ElementSelectorSyntaxTest {
    private static final String SUPPORTED = "properties: the element filter on selector supports tags, .class, #id, "
            + "[attr=\"value\"], :nth-child(n), :nth-of-type(n) and the descendant and child combinators; got ";

    private static void assertRefused(String selector, String detail) {
        assertThatThrownBy(() -> ElementSelector.parse(selector)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.error().type()).isEqualTo("validation_error");
            assertThat(e.error().code()).isEqualTo("unsupported_query");
            assertThat(e.error().attr()).isEqualTo("query");
            assertThat(e.error().detail()).isEqualTo(detail);
        });
    }

    private static void assertRefusedBecause(String selector, String reason) {
        assertRefused(selector, SUPPORTED + "\"" + selector + "\" (" + reason + ").");
    }

    @Test
    void otherCombinatorsAndListsAreRefusedByName() {
        assertRefusedBecause("a + b", "the + combinator is not supported");
        assertRefusedBecause("a ~ b", "the ~ combinator is not supported");
        assertRefusedBecause("a, b", "a list of selectors is not supported; give each as a value of its own");
    }

    @Test
    void pseudoClassesOtherThanPositionsAreRefused() {
        assertRefusedBecause("a:hover", "the pseudo-class :hover is not supported");
        assertRefusedBecause(".btn:hover", "the pseudo-class :hover is not supported");
        assertRefusedBecause("li:first-child", "the pseudo-class :first-child is not supported");
        assertRefusedBecause("a:not(.x)", "the pseudo-class :not is not supported");
        assertRefusedBecause("a::before", "pseudo-elements are not supported");
        assertRefusedBecause("a:", "a pseudo-class must follow :");
    }

    @Test
    void positionsTakeOnlyAWholeNumber() {
        assertRefusedBecause("li:nth-child(2n+1)", ":nth-child takes a whole number of at most 9 digits, as in :nth-child(2)");
        assertRefusedBecause("li:nth-child(odd)", ":nth-child takes a whole number of at most 9 digits, as in :nth-child(2)");
        assertRefusedBecause("li:nth-of-type(-1)", ":nth-of-type takes a whole number of at most 9 digits, as in :nth-of-type(2)");
        assertRefusedBecause("li:nth-child(12345678901)", ":nth-child takes a whole number of at most 9 digits, as in :nth-child(2)");
        assertRefusedBecause("li:nth-child(2", ":nth-child takes a whole number of at most 9 digits, as in :nth-child(2)");
        assertRefusedBecause("li:nth-child", ":nth-child takes a position, as in :nth-child(2)");
        assertThat(ElementSelector.parse("li:nth-child(999999999)")).isNotNull();
    }

    @Test
    void attributeOperatorsOtherThanEqualsAndFlagsAreRefused() {
        assertRefusedBecause("[href^=\"/shop\"]", "the attribute operator ^= is not supported; only = is");
        assertRefusedBecause("[class~=\"btn\"]", "the attribute operator ~= is not supported; only = is");
        assertRefusedBecause("[href*='shop']", "the attribute operator *= is not supported; only = is");
        assertRefusedBecause("[type=\"a\" i]", "attribute flags are not supported");
        assertRefusedBecause("[data-attr=\"x\"", "an attribute selector is not closed with ]");
        assertRefusedBecause("[=\"x\"]", "an attribute name after [ is missing at character 2");
        assertRefusedBecause("[data-attr=]", "a value after = is missing at character 12");
        assertRefusedBecause("[data-attr=\"x]", "a quoted value is not closed");
    }

    @Test
    void brokenStructureIsRefusedWithWhereItBroke() {
        assertRefusedBecause("a >", "it ends with a combinator");
        assertRefusedBecause("> a", "unexpected \">\" at character 1");
        assertRefusedBecause("a > > b", "unexpected \">\" at character 5");
        assertRefusedBecause("a)", "unexpected \")\" at character 2");
        assertRefusedBecause("a.", "a class name after . is missing");
        assertRefusedBecause("#", "an id after # is missing");
        assertRefusedBecause("a\\", "a backslash must escape a character");
        assertRefusedBecause("   ", "it is empty");
    }

    @Test
    void controlCharactersAreRefusedAndSpelledOutInTheMessage() {
        assertRefused("a\u0000b", SUPPORTED + "\"a\\u0000b\" (unexpected \"\\u0000\" at character 2).");
        assertRefused("[x='\u0001']", SUPPORTED + "\"[x='\\u0001']\" (unexpected \"\\u0001\" at character 5).");
    }

    @Test
    void aSelectorLongerThanAThousandCharactersIsRefusedWithoutBeingEchoed() {
        assertRefused(".a".repeat(501), "properties: the element filter on selector takes selectors of at most 1000 characters; got one of 1002.");
        assertThat(ElementSelector.parse(".a".repeat(500))).isNotNull();
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThatThrownBy(() -> ElementSelector.parse("[".repeat(10_000_000)))
                .isInstanceOf(ApiException.class));
    }

    @Test
    void moreThanTwentyCompoundsAreRefusedAndAMessageQuotesAtMostTwoHundredCharacters() {
        String deep = "section > ".repeat(20) + "a";
        assertThatThrownBy(() -> ElementSelector.parse(deep)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().detail())
                .isEqualTo(SUPPORTED + "\"" + deep.substring(0, 200) + "…\" (at most 20 compound selectors may be joined)."));
        assertThat(ElementSelector.parse("div > ".repeat(19) + "a")).isNotNull();
    }

    @Test
    void theDeepestSelectorOnTheLongestChainIsMatchedInMilliseconds() {
        List<Element> divs = ChainDecoder.decode(String.join(";", Collections.nCopies(496, "div:nth-child=\"0\"nth-of-type=\"0\"")));
        ElementSelector descendants = ElementSelector.parse("div ".repeat(19) + "span");
        ElementSelector mixed = ElementSelector.parse("div > div div > div ".repeat(4) + "div > div div");
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int round = 0; round < 100; round++) {
                assertThat(descendants.matches(divs)).isFalse();
                assertThat(mixed.matches(divs)).isTrue();
            }
        });
    }

    @Test
    void randomTextFromTheSyntaxsAlphabetIsParsedOrRefusedWithA400AndNothingElse() {
        String alphabet = "ab.#[]:>+~,*()'\"=|\\ \t\u0000-_0123nth-child(of-type)^$!\u00e9\ud83d\ude00";
        Random random = new Random(20_26);
        List<Element> chain = ChainDecoder.decode(ElementChains.ADD_TO_CART);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder selector = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int k = 0; k < length; k++) {
                selector.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                ElementSelector.parse(selector.toString()).matches(chain);
            } catch (ApiException refused) {
                assertThat(refused.error().code()).isEqualTo("unsupported_query");
            }
        }
    }
}
