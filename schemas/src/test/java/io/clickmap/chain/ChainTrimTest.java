package io.clickmap.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainTrimTest {
    private static final List<Element> CHAIN = ChainDecoder.decode(
            "button.btn:attr__data-id=\"7\"attr__data-track=\"buy\"attr__class=\"btn\"nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\";"
                    + "div:attr__data-section=\"hero\"attr_id=\"top\"nth-child=\"1\"nth-of-type=\"1\";body:nth-child=\"2\"nth-of-type=\"1\"");

    @Test
    void depthKeepsTheClickedElementAndItsNearestAncestors() {
        List<Element> trimmed = new ChainTrim(2, null).apply(CHAIN);

        assertThat(trimmed).extracting(Element::tagName).containsExactly("button", "div");
        assertThat(new ChainTrim(10, null).apply(CHAIN)).containsExactlyElementsOf(CHAIN);
    }

    @Test
    void dataAttributesKeepOnlyMatchingDataAttributesAndNeverTheNamedFields() {
        List<Element> trimmed = new ChainTrim(null, List.of("data-t*")).apply(CHAIN);

        assertThat(trimmed.get(0).attributes()).containsExactly(Map.entry("attr__data-track", "buy"));
        assertThat(trimmed.get(0).text()).isEqualTo("Buy");
        assertThat(trimmed.get(0).attrClass()).containsExactly("btn");
        assertThat(trimmed.get(1).attributes()).isEmpty();
        assertThat(trimmed.get(1).attrId()).isEqualTo("top");
    }

    @Test
    void aStarMatchesAnyRunIncludingNone() {
        List<Element> trimmed = new ChainTrim(null, List.of("*")).apply(CHAIN);

        assertThat(trimmed.get(0).attributes()).containsOnlyKeys("attr__data-id", "attr__data-track", "attr__class");
        assertThat(Glob.matches("data-*-id", "data--id")).isTrue();
        assertThat(Glob.matches("data-*", "data")).isFalse();
        assertThat(Glob.matches("*a*a*a*b", "a".repeat(10_000))).isFalse();
        assertThat(Glob.matches("d.ta", "data")).isFalse();
    }

    @Test
    void theParameterIsACommaListTrimmedWithoutBlanksAndAtMostFiftyEntries() {
        assertThat(ChainTrim.parseDataAttributes(" data-a , ,data-b,")).containsExactly("data-a", "data-b");
        assertThat(ChainTrim.parseDataAttributes(String.join(",", Collections.nCopies(60, "x")))).containsExactlyElementsOf(Collections.nCopies(50, "x"));
        assertThat(ChainTrim.parseDataAttributes(null)).isNull();
    }

    @Test
    void noTrimReturnsTheChainAsItIs() {
        assertThat(ChainTrim.NONE.apply(CHAIN)).isSameAs(CHAIN);
    }
}
