package io.clickmap.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainDecoderTest {

    private static Element only(String chain) {
        List<Element> elements = ChainDecoder.decode(chain);
        assertThat(elements).hasSize(1);
        return elements.get(0);
    }

    private static Map<String, String> attributes(String chain) {
        return only(chain).attributes();
    }

    @Test
    void decodesTheFourElementExampleOfTheSpec() {
        List<Element> elements = ChainDecoder.decode(
                "a.small:data-attr=\"something \\\" that; could mess up\"href=\"/a-url\"nth-child=\"1\"nth-of-type=\"0\"number=\"33\""
                        + "prop=\"value\"style=\"min-height: 100vh;\"text=\"bla bla\";button.btn.btn-primary:nth-child=\"0\"nth-of-type=\"0\";"
                        + "div:nth-child=\"0\"nth-of-type=\"0\";div:attr_id=\"nested\"nth-child=\"0\"nth-of-type=\"0\"");

        assertThat(elements).containsExactly(
                Element.builder().tagName("a").attrClass("small").href("/a-url").text("bla bla").nthChild(1).nthOfType(0)
                        .attribute("data-attr", "something \\\" that; could mess up").attribute("number", "33")
                        .attribute("prop", "value").attribute("style", "min-height: 100vh;").order(0).build(),
                Element.builder().tagName("button").attrClass("btn", "btn-primary").nthChild(0).nthOfType(0).order(1).build(),
                Element.builder().tagName("div").nthChild(0).nthOfType(0).order(2).build(),
                Element.builder().tagName("div").attrId("nested").nthChild(0).nthOfType(0).order(3).build());
    }

    @Test
    void missingValuesAreNullButAttributesAreAnEmptyObject() {
        Element element = only("span");

        assertThat(element).isEqualTo(new Element(null, "span", null, null, null, null, null, Map.of(), 0));
    }

    @Test
    void semicolonsAndWhitespaceOutsideQuotesSeparateElementsAndEmptySegmentsVanish() {
        assertThat(ChainDecoder.decode("a;b;;c")).extracting(Element::tagName).containsExactly("a", "b", "c");
        assertThat(ChainDecoder.decode("a b")).extracting(Element::tagName).containsExactly("a", "b");
        assertThat(ChainDecoder.decode("a\tb\u00a0c\u2003d\u0085e")).extracting(Element::tagName).containsExactly("a", "b", "c", "d", "e");
        assertThat(ChainDecoder.decode(" ;; ")).isEmpty();
        assertThat(ChainDecoder.decode("")).isEmpty();
    }

    @Test
    void semicolonsAndSpacesInsideQuotedValuesDoNotSeparate() {
        Element element = only("a:text=\"one; two three\"");

        assertThat(element.text()).isEqualTo("one; two three");
    }

    @Test
    void ordersCountOutwardsFromTheClickedElement() {
        assertThat(ChainDecoder.decode("a;span;div;body")).extracting(Element::order).containsExactly(0, 1, 2, 3);
    }

    @Test
    void classNamesMayContainColonsBecauseTheTagPartEndsAtTheFirstColonBeforeAKey() {
        Element element = only("a.small.xy:z:attr_class=\"xyz small\\\"\"href=\"/a-url\"nth-child=\"0\"nth-of-type=\"0\"");

        assertThat(element.tagName()).isEqualTo("a");
        assertThat(element.attrClass()).containsExactly("small", "xy:z");
        assertThat(element.attributes()).containsExactly(Map.entry("attr_class", "xyz small\\\""));
        assertThat(element.href()).isEqualTo("/a-url");
    }

    @Test
    void aTagPartWithoutATagHasTheEmptyTagName() {
        Element element = only(".another.something:nth-child=\"0\"");

        assertThat(element.tagName()).isEmpty();
        assertThat(element.attrClass()).containsExactly("another", "something");
    }

    @Test
    void emptyClassPiecesAreDroppedButADotMakesAClassList() {
        assertThat(only("a........small").attrClass()).containsExactly("small");
        assertThat(only("a.:nth-child=\"0\"").attrClass()).isEmpty();
        assertThat(only("a:nth-child=\"0\"").attrClass()).isNull();
    }

    @Test
    void anElementStartingWithAColonHasNoTagAndNoClasses() {
        Element element = only(":text=\"x\"");

        assertThat(element.tagName()).isNull();
        assertThat(element.attrClass()).isNull();
        assertThat(element.text()).isEqualTo("x");
    }

    @Test
    void aValueRunsToTheFirstQuoteNotPrecededByABackslash() {
        assertThat(attributes("a:a=\"1\"b=\"2\"")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(only("a:href=\"/x?b=c\"a=\"1\"").href()).isEqualTo("/x?b=c");
        assertThat(attributes("a:href=\"/x?b=c\"a=\"1\"")).containsExactly(Map.entry("a", "1"));
        assertThat(attributes("a:k=\"a\\\"b\"")).containsExactly(Map.entry("k", "a\\\"b"));
    }

    @Test
    void aKeyRunsToTheFirstEqualsQuote() {
        assertThat(attributes("a:a=b=\"v\"")).containsExactly(Map.entry("a=b", "v"));
    }

    @Test
    void unquotedOrUnterminatedPairsAreNotAttributes() {
        assertThat(attributes("a:a=1b=2")).isEmpty();
        // the unterminated quote also ends the element, so what followed it is an element of its own
        List<Element> elements = ChainDecoder.decode("a:a=\"1\"b=\"2");
        assertThat(elements.get(0).attributes()).containsExactly(Map.entry("a", "1"));
        assertThat(elements).extracting(Element::tagName).containsExactly("a", "2");
    }

    @Test
    void anEmptyValueIsTheEmptyStringAndDoesNotSwallowTheNextPair() {
        assertThat(attributes("a:a=\"\"b=\"2\"")).containsExactly(Map.entry("a", ""), Map.entry("b", "2"));
    }

    @Test
    void theNamedKeysBecomeFieldsAndPositionsBecomeIntegers() {
        Element element = only("a:attr_id=\"main\"href=\"/h\"nth-child=\"3\"nth-of-type=\"-2\"text=\"hi\"");

        assertThat(element).isEqualTo(new Element("hi", "a", null, "/h", "main", 3, -2, Map.of(), 0));
    }

    @Test
    void aPositionThatIsNotAnIntegerIsNullNeverAnError() {
        Element element = only("a:nth-child=\"x1\"nth-of-type=\"99999999999\"");

        assertThat(element.nthChild()).isNull();
        assertThat(element.nthOfType()).isNull();
        assertThat(ChainDecoder.parseInteger("")).isNull();
        assertThat(ChainDecoder.parseInteger("-")).isNull();
        assertThat(ChainDecoder.parseInteger("١٢")).isNull();
        assertThat(ChainDecoder.parseInteger("+7")).isEqualTo(7);
        assertThat(ChainDecoder.parseInteger("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(ChainDecoder.parseInteger("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(ChainDecoder.parseInteger("2147483648")).isNull();
    }

    @Test
    void otherKeysAreAttributesExactlyAsWrittenAndEmptyKeysAreIgnored() {
        assertThat(attributes("a:attr__class=\"x\"=\"orphan\"data-x=\"1\""))
                .containsExactly(Map.entry("attr__class", "x"), Map.entry("data-x", "1"));
    }

    @Test
    void aLaterDuplicateKeyOverwritesAnEarlierOne() {
        Element element = only("a:k=\"1\"text=\"first\"k=\"2\"text=\"second\"");

        assertThat(element.attributes()).containsExactly(Map.entry("k", "2"));
        assertThat(element.text()).isEqualTo("second");
    }

    @Test
    void aValueMayContainANewline() {
        Element element = only("a:text=\"two\nlines\"title=\"t\"");

        assertThat(element.text()).isEqualTo("two\nlines");
        assertThat(element.attributes()).containsExactly(Map.entry("title", "t"));
    }

    @Test
    void anUnmatchedQuoteSeparatesAndIsDropped() {
        assertThat(ChainDecoder.decode("a:href=\"xy")).extracting(Element::tagName).containsExactly("a", "xy");
        assertThat(ChainDecoder.decode("a:href=\"xy")).first().extracting(Element::attributes).isEqualTo(Map.of());
    }

    @Test
    void aQuotedRunWithoutAnUnescapedCloseEndsAtTheLastQuote() {
        // posthog's regex backtracks to the last quote it can close on; the element then runs on to the separator
        assertThat(ChainDecoder.decode("a:t=\"x\\\" y;b\\\"z w")).extracting(Element::tagName).containsExactly("a", "w");
    }

    @Test
    void the496ElementChainFromTheSpecFitsUnderTheCap() {
        String chain = String.join(";", Collections.nCopies(496, "div:nth-child=\"0\"nth-of-type=\"0\""));

        assertThat(ChainDecoder.decode(chain)).hasSize(496);
    }

    @Test
    void aLongerChainIsCutToWholeElements() {
        String chain = String.join(";", Collections.nCopies(1488, "div:nth-child=\"0\"nth-of-type=\"0\""));

        List<Element> elements = ChainDecoder.decode(chain);

        assertThat(elements).hasSizeLessThan(1488).hasSize(496);
        assertThat(elements).allSatisfy(element -> {
            assertThat(element.tagName()).isEqualTo("div");
            assertThat(element.nthChild()).isZero();
            assertThat(element.nthOfType()).isZero();
        });
    }

    @Test
    void aLongChainWithoutALateSemicolonIsCutAtTheCapItself() {
        String chain = "a;" + "b".repeat(20_000);

        assertThat(ChainDecoder.capped(chain)).hasSize(ChainDecoder.MAX_LENGTH);
        assertThat(ChainDecoder.decode(chain)).extracting(Element::tagName).containsExactly("a", "b".repeat(ChainDecoder.MAX_LENGTH - 2));
    }

    @Test
    void theCapCountsCodePointsSoItNeverSplitsASurrogatePair() {
        String chain = "😀".repeat(ChainDecoder.MAX_LENGTH + 10);

        String capped = ChainDecoder.capped(chain);

        assertThat(capped.codePointCount(0, capped.length())).isEqualTo(ChainDecoder.MAX_LENGTH);
        assertThat(Character.isHighSurrogate(capped.charAt(capped.length() - 1))).isFalse();
    }
}
