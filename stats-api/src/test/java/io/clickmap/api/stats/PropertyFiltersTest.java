package io.clickmap.api.stats;

import static io.clickmap.api.ShopFixture.HOME_URL;
import static io.clickmap.api.ShopFixture.IMAGE_HASH;
import static io.clickmap.api.ShopFixture.PRICING_HASH;
import static io.clickmap.api.ShopFixture.PRICING_URL;
import static io.clickmap.api.ShopFixture.SIGNUP_HASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.ShopFixture;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code properties} on the shop fixture: $current_url through the rollup, other properties through the raw events. */
@MicronautTest
class PropertyFiltersTest extends ServiceTest {
    private static final String DAY = "/api/environments/1/elements/stats/?date_from=2025-03-10&date_to=2025-03-10&properties=";
    private static final String PRICING = "3 " + PRICING_HASH + " $autocapture";
    private static final String SIGNUP = "2 " + SIGNUP_HASH + " $autocapture";
    private static final String IMAGE = "2 " + IMAGE_HASH + " $autocapture";

    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void loadShop() {
        ShopFixture.load(CLICKHOUSE, environments);
    }

    private List<String> rows(String filters) {
        Api.Reply reply = api().get(DAY + URLEncoder.encode(filters, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StatsRows.of(reply.json());
    }

    private String storage(String filters) {
        return api().get(DAY + URLEncoder.encode(filters, StandardCharsets.UTF_8) + "&limit=7").header("Server-Timing").orElseThrow();
    }

    @Test
    void currentUrlExactMatchesThePageAndIsTheDefaultOperator() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"" + PRICING_URL + "\",\"operator\":\"exact\",\"type\":\"event\"}]"))
                .containsExactly(PRICING, "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"" + PRICING_URL + "\"}]"))
                .containsExactly(PRICING, "1 " + IMAGE_HASH + " $autocapture");
        assertThat(storage("[{\"key\":\"$current_url\",\"value\":\"" + PRICING_URL + "\"}]")).contains("storage;desc=\"rollup\"");
    }

    @Test
    void currentUrlExactWithAListMatchesAnyOfItsValues() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":[\"" + PRICING_URL + "\",\"" + HOME_URL + "\"]}]"))
                .containsExactly(PRICING, SIGNUP, "1 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void currentUrlIsNotAlsoMatchesClicksWithoutAPage() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"" + PRICING_URL + "\",\"operator\":\"is_not\"}]"))
                .containsExactly(SIGNUP, "1 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void currentUrlIcontainsIgnoresCaseAndNotIcontainsIsItsComplement() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"PRICING\",\"operator\":\"icontains\"}]"))
                .containsExactly(PRICING, "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"PRICING\",\"operator\":\"not_icontains\"}]"))
                .containsExactly(SIGNUP, "1 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void currentUrlRegexUsesRe2AndNotRegexIsItsComplement() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"^https://www\\\\.\",\"operator\":\"regex\"}]")).containsExactly(SIGNUP);
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"^https://www\\\\.\",\"operator\":\"not_regex\"}]"))
                .containsExactly(PRICING, IMAGE);
    }

    @Test
    void currentUrlIsSetAndIsNotSetTellClicksWithAPageFromThoseWithout() {
        assertThat(rows("[{\"key\":\"$current_url\",\"operator\":\"is_set\"}]"))
                .containsExactly(PRICING, SIGNUP, "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"$current_url\",\"operator\":\"is_not_set\"}]")).containsExactly("1 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void simpleMatchesIgnoringProtocolWwwQueryFragmentAndATrailingSlash() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"http://www.shop.example.com/pricing/?utm=1#x\",\"operator\":\"simple\"}]"))
                .containsExactly(PRICING, "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"shop.example.com\",\"operator\":\"simple\"}]")).containsExactly(SIGNUP);
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"shop.example.com/pric\",\"operator\":\"simple\"}]")).isEmpty();
    }

    @Test
    void filtersOnOtherPropertiesAreAnsweredFromTheRawEvents() {
        assertThat(rows("[{\"key\":\"plan\",\"value\":\"pro\"}]"))
                .containsExactly("2 " + PRICING_HASH + " $autocapture", "1 " + SIGNUP_HASH + " $autocapture");
        assertThat(storage("[{\"key\":\"plan\",\"value\":\"pro\"}]")).contains("storage;desc=\"raw\"");
    }

    @Test
    void negativeOperatorsOnOtherPropertiesIncludeClicksWithoutTheProperty() {
        assertThat(rows("[{\"key\":\"plan\",\"value\":\"pro\",\"operator\":\"is_not\"}]")).containsExactly(
                "2 " + IMAGE_HASH + " $autocapture", "1 " + SIGNUP_HASH + " $autocapture", "1 " + PRICING_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"plan\",\"value\":\"^f\",\"operator\":\"not_regex\"}]")).containsExactly(
                "2 " + SIGNUP_HASH + " $autocapture", "2 " + PRICING_HASH + " $autocapture", "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"plan\",\"value\":\"PRO\",\"operator\":\"not_icontains\"}]")).containsExactly(
                "2 " + IMAGE_HASH + " $autocapture", "1 " + SIGNUP_HASH + " $autocapture", "1 " + PRICING_HASH + " $autocapture");
    }

    @Test
    void otherPropertiesSupportEveryOperator() {
        assertThat(rows("[{\"key\":\"plan\",\"value\":\"PR\",\"operator\":\"icontains\"}]"))
                .containsExactly("2 " + PRICING_HASH + " $autocapture", "1 " + SIGNUP_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"plan\",\"value\":\"^f\",\"operator\":\"regex\"}]"))
                .containsExactly("1 " + PRICING_HASH + " $autocapture", "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"plan\",\"operator\":\"is_set\"}]")).containsExactly(
                PRICING, "1 " + SIGNUP_HASH + " $autocapture", "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"plan\",\"operator\":\"is_not_set\"}]"))
                .containsExactly("1 " + SIGNUP_HASH + " $autocapture", "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"plan\",\"value\":[\"pro\",\"free\"]}]")).containsExactly(
                PRICING, "1 " + SIGNUP_HASH + " $autocapture", "1 " + IMAGE_HASH + " $autocapture");
    }

    @Test
    void numericFilterValuesMatchTheStoredTextOfNumbers() {
        assertThat(rows("[{\"key\":\"n\",\"value\":33}]")).containsExactly("1 " + SIGNUP_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"n\",\"value\":[33, 34]}]")).containsExactly("1 " + SIGNUP_HASH + " $autocapture");
    }

    @Test
    void allFiltersMustHold() {
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"pricing\",\"operator\":\"icontains\"},{\"key\":\"plan\",\"value\":\"free\"}]"))
                .containsExactly("1 " + PRICING_HASH + " $autocapture", "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[{\"key\":\"$current_url\",\"value\":\"pricing\",\"operator\":\"icontains\"},"
                + "{\"key\":\"$current_url\",\"value\":\"^https://shop\",\"operator\":\"regex\"}]"))
                .containsExactly(PRICING, "1 " + IMAGE_HASH + " $autocapture");
        assertThat(rows("[]")).containsExactly(PRICING, SIGNUP, IMAGE);
    }

    @Test
    void filtersThatCannotBeEvaluatedExactlyAreRefusedNamingProperties() {
        assertRefused("[{\"key\":\"email\",\"value\":\"a\",\"type\":\"person\"}]",
                "Property filters of type 'person' are not supported; only 'event' filters are.");
        assertRefused("[{\"key\":\"id\",\"value\":3,\"type\":\"cohort\"}]",
                "Property filters of type 'cohort' are not supported; only 'event' filters are.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":\"a\",\"operator\":\"between\"}]",
                "Unsupported operator \\\"between\\\"; supported: exact, is_not, icontains, not_icontains, regex, not_regex, is_set, is_not_set, "
                        + "simple, gt, gte, lt, lte.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":\"a\",\"operator\":\"gt\"}]",
                "The filter on $current_url with operator gt needs a number; got a.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":\"(unclosed\",\"operator\":\"regex\"}]",
                "Invalid regular expression in the filter on $current_url (RE2 syntax): missing closing ).");
        assertRefused("{\"key\":\"$current_url\"}", "Properties must be a JSON array of filters.");
        assertRefused("not json", "Properties must be a JSON array of filters like [{\\\"key\\\": \\\"$current_url\\\", "
                + "\\\"value\\\": \\\"https://example.com/\\\", \\\"operator\\\": \\\"exact\\\"}].");
        for (String trailing : new String[] {"x", "]", " {}", "[]"}) {
            assertRefused("[{\"key\":\"$current_url\",\"value\":\"x\"}]" + trailing, "Properties must be a JSON array of filters like "
                    + "[{\\\"key\\\": \\\"$current_url\\\", \\\"value\\\": \\\"https://example.com/\\\", \\\"operator\\\": \\\"exact\\\"}].");
        }
        assertRefused("[{\"value\":\"x\"}]", "Each property filter needs a key: a non-empty string of at most 1000 characters.");
        assertRefused("[{\"key\":\"$current_url\"}]",
                "The filter on $current_url with operator exact needs a value: a string, a number or a list of them.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":[\"a\"],\"operator\":\"icontains\"}]",
                "The filter on $current_url with operator icontains needs one value: a string or a number.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":[]}]", "The filter on $current_url needs 1 to 100 values.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":[{\"a\":1}]}]", "The values of the filter on $current_url must be strings or numbers.");
        assertRefused("[3]", "Each property filter must be an object with key, value, operator and type.");
    }

    @Test
    void regexesThatRe2RefusesButJavaWouldAcceptAreRefusedToo() {
        assertRefused("[{\"key\":\"$current_url\",\"value\":\"((a{10}){10}){11}\",\"operator\":\"regex\"}]",
                "Invalid regular expression in the filter on $current_url (RE2 syntax): nested repetition counts multiply beyond 1000.");
        assertRefused("[{\"key\":\"plan\",\"value\":\"(?<name>x)\",\"operator\":\"not_regex\"}]",
                "Invalid regular expression in the filter on plan (RE2 syntax): named groups are written (?P<name>...).");
    }

    @Test
    void regexesTooLongOrTooCostlyToCompileAreRefusedNamingTheBound() {
        assertRefused("[{\"key\":\"$current_url\",\"value\":\"" + "a".repeat(1_001) + "\",\"operator\":\"regex\"}]",
                "The regular expression in the filter on $current_url is longer than 1000 characters.");
        assertRefused("[{\"key\":\"$current_url\",\"value\":\"((a{1000}){1000}){1000}\",\"operator\":\"regex\"}]",
                "Invalid regular expression in the filter on $current_url (RE2 syntax): nested repetition counts multiply beyond 1000.");
        assertRefused("[{\"key\":\"plan\",\"value\":\"" + "a{1000}".repeat(140) + "\",\"operator\":\"not_regex\"}]",
                "Invalid regular expression in the filter on plan (RE2 syntax): its repetitions unroll to more than 10000 elements.");
    }

    @Test
    void aRegexThatDoesNotCompileIsRefusedAlsoWhenTheKeyIsAlreadyKnown() {
        // The first request puts key and environment in their caches: the second is parsed on the event loop.
        assertThat(rows("[]")).containsExactly(PRICING, SIGNUP, IMAGE);
        assertRefused("[{\"key\":\"plan\",\"value\":\"[unclosed\",\"operator\":\"regex\"}]",
                "Invalid regular expression in the filter on plan (RE2 syntax): missing closing ].");
    }

    private void assertRefused(String filters, String detail) {
        Api.Reply reply = api().get(DAY + URLEncoder.encode(filters, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(filters).isEqualTo(400);
        assertThat(reply.json()).as(filters).isEqualTo(Api.json(
                "{\"type\":\"validation_error\",\"code\":\"invalid_input\",\"detail\":\"" + detail + "\",\"attr\":\"properties\"}"));
    }
}
