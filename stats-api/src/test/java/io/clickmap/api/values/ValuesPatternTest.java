package io.clickmap.api.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.Element;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.testing.ClickHouseExtension;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RE2 patterns the values endpoint runs in ClickHouse find, on tricky chains, exactly the value the
 * chain decoder gives the first element that has the attribute (escaped quotes, look-alike keys, colons in
 * class names, newlines, empty values). Known, deliberate gap: in a malformed chain where an odd run of
 * backslashes precedes a quote and whitespace follows later, the decoder's element split (quote-aware) and
 * the values pattern (a regex over the chain text) can disagree; the encoder never writes such chains.
 */
class ValuesPatternTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final List<String> CHAINS = List.of(
            "a:href=\"/x?b=c\"a=\"1\"",
            "a:attr__href=\"/fake\"attr__text=\"fake\"href=\"/real\"text=\"real\"",
            "a:href=\"a\\\"b\"nth-child=\"0\"",
            "a:href=\"back\\slash\\\"q\"text=\"back\\slash\"",
            "a:href=\"\"nth-child=\"0\"text=\"\"",
            "div:text=\"first\";a:href=\"/second\"text=\"second\"",
            "a:text=\"href=\\\"/in-text\\\"\"href=\"/real\"",
            "a.x:y:attr_id=\"colon-class\"href=\"/colon-class\"",
            "a:href=\"line1\nline2\"text=\"multi\nline\"",
            "a:href=\"/straße\"text=\"Grüße ✓\"",
            "button.btn:attr_id=\"go\"nth-child=\"2\"nth-of-type=\"1\"text=\"Sign up\";div.hero:attr_id=\"outer\"",
            ":nth-child=\"0\"text=\"no tag\"",
            "my-element_2.c:text=\"custom\"",
            "img:nth-child=\"0\"nth-of-type=\"0\"");

    @Test
    void hrefPatternFindsWhatTheDecoderFinds() {
        assertPatternAgreesWithDecoder(ValuesKey.HREF, Element::href);
    }

    @Test
    void textPatternFindsWhatTheDecoderFinds() {
        assertPatternAgreesWithDecoder(ValuesKey.TEXT, Element::text);
    }

    @Test
    void attrIdPatternFindsWhatTheDecoderFinds() {
        assertPatternAgreesWithDecoder(ValuesKey.ATTR_ID, Element::attrId);
    }

    @Test
    void tagNamePatternFindsTheLeadingTagOfTheChain() {
        for (String chain : CHAINS) {
            String decoded = Objects.requireNonNullElse(ChainDecoder.decode(chain).get(0).tagName(), "");
            assertThat(extract(chain, ValuesKey.TAG_NAME)).as(chain).isEqualTo(decoded);
        }
    }

    @Test
    void selectorHasNoPattern() {
        assertThat(ValuesKey.SELECTOR.pattern()).isEmpty();
    }

    private void assertPatternAgreesWithDecoder(ValuesKey key, Function<Element, String> field) {
        for (String chain : CHAINS) {
            String decoded = ChainDecoder.decode(chain).stream().map(field).filter(Objects::nonNull).findFirst().orElse("");
            assertThat(extract(chain, key)).as(key + " of " + chain).isEqualTo(decoded);
        }
    }

    private static String extract(String chain, ValuesKey key) {
        String json = CLICKHOUSE.sql("SELECT extract(" + SqlLiteral.string(chain) + ", " + SqlLiteral.string(key.pattern().orElseThrow())
                + ") AS value FORMAT JSONEachRow");
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("value").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
