package io.clickmap.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainEncoderTest {

    @Test
    void encodesTheEventOneExampleWithPositionsAlwaysPresent() {
        Element link = Element.builder().tagName("a").href("https://posthog.com/event-1").text("event 1").build();
        Element div = Element.builder().tagName("div").href("https://posthog.com/event-1").text("event 1").build();

        assertThat(ChainEncoder.encode(List.of(link, div))).isEqualTo(
                "a:href=\"https://posthog.com/event-1\"nth-child=\"0\"nth-of-type=\"0\"text=\"event 1\";"
                        + "div:href=\"https://posthog.com/event-1\"nth-child=\"0\"nth-of-type=\"0\"text=\"event 1\"");
    }

    @Test
    void sortsClassesRemovesTheirQuotesAndEscapesQuotesInValues() {
        Element element = Element.builder().tagName("a").href("/a-url").attrClass("small\"", "xy:z")
                .attribute("attr_class", "xyz small\"").build();

        assertThat(ChainEncoder.encode(List.of(element)))
                .isEqualTo("a.small.xy:z:attr_class=\"xyz small\\\"\"href=\"/a-url\"nth-child=\"0\"nth-of-type=\"0\"");
    }

    @Test
    void encodesTheFourElementExampleWithAttributesSortedByKey() {
        Element link = Element.builder().tagName("a").href("/a-url").attrClass("small").text("bla bla")
                .attribute("prop", "value").attribute("number", "33")
                .attribute("data-attr", "something \" that; could mess up").attribute("style", "min-height: 100vh;")
                .nthChild(1).nthOfType(0).build();
        Element button = Element.builder().tagName("button").attrClass("btn", "btn-primary").build();
        Element div = Element.builder().tagName("div").build();
        Element nested = Element.builder().tagName("div").attrId("nested").build();

        assertThat(ChainEncoder.encode(List.of(link, button, div, nested))).isEqualTo(
                "a.small:data-attr=\"something \\\" that; could mess up\"href=\"/a-url\"nth-child=\"1\"nth-of-type=\"0\"number=\"33\""
                        + "prop=\"value\"style=\"min-height: 100vh;\"text=\"bla bla\";button.btn.btn-primary:nth-child=\"0\"nth-of-type=\"0\";"
                        + "div:nth-child=\"0\"nth-of-type=\"0\";div:attr_id=\"nested\"nth-child=\"0\"nth-of-type=\"0\"");
    }

    @Test
    void anAttributeNamedLikeAFieldOverridesTheField() {
        Element element = Element.builder().tagName("a").text("field").attribute("text", "attribute").build();

        assertThat(ChainEncoder.encode(List.of(element))).isEqualTo("a:nth-child=\"0\"nth-of-type=\"0\"text=\"attribute\"");
    }

    @Test
    void emptyFieldsAreLeftOutButBackslashesAreNotEscaped() {
        Element element = Element.builder().tagName("").text("").href("").attrId("").attribute("k", "a\\b").build();

        assertThat(ChainEncoder.encode(List.of(element))).isEqualTo(":k=\"a\\b\"nth-child=\"0\"nth-of-type=\"0\"");
    }

    @Test
    void keysAreSortedByCodePointNotByUtf16Unit() {
        // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 unit (0xFF5E > 0xD83D)
        Element element = Element.builder().tagName("a").attribute("😀", "1").attribute("～", "2").build();

        assertThat(ChainEncoder.encode(List.of(element))).isEqualTo("a:nth-child=\"0\"nth-of-type=\"0\"～=\"2\"😀=\"1\"");
    }
}
