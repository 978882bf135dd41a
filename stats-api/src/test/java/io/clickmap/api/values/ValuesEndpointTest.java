package io.clickmap.api.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest
class ValuesEndpointTest extends ServiceTest {
    private static final String VALUES = "/api/environments/1/elements/values/";

    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void loadClicks() {
        environments.save(new Environment(2, "Blog", "phc_blog", Instant.now()));
        Events events = new Events();
        events.click(1, "$autocapture", "a.nav:attr__href=\"/fake\"href=\"/pricing\"text=\"Pricing\"", "u", "2025-03-10T10:00:00Z").times(3)
                .click(1, "$autocapture", "a:href=\"/price.list\"text=\"Price list\";div:attr_id=\"menu\"", "u", "2024-01-01T10:00:00Z").times(2)
                .click(1, "$autocapture", "button:attr_id=\"go\"text=\"Go \\\"now\\\"\"", "u", "2025-03-11T10:00:00Z").times(2)
                .click(1, "$autocapture", "a:href=\"/priceXlist\"text=\"\"", "u", "2025-03-11T10:00:00Z").once()
                .click(1, "$autocapture", "img:nth-child=\"0\"nth-of-type=\"0\"", "u", "2025-03-11T10:00:00Z").once()
                .click(1, "$rageclick", "a:href=\"/rage-only\"text=\"Rage\"", "u", "2025-03-11T10:00:00Z").times(9)
                .click(2, "$autocapture", "a:href=\"/other-environment\"text=\"Other\"", "u", "2025-03-11T10:00:00Z").times(9);
        for (int i = 0; i < 120; i++) {
            events.click(1, "$autocapture", "span:text=\"item " + (1000 + i) + "\"", "u", "2025-03-12T10:00:00Z").once();
        }
        events.insertInto(CLICKHOUSE);
    }

    private List<String> names(String query) {
        Api.Reply reply = api().get(VALUES + "?" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(row -> {
            assertThat(row.size()).isEqualTo(1);
            names.add(row.get("name").asText());
        });
        return names;
    }

    @Test
    void hrefValuesAreTheFirstHrefOfAutocaptureChainsMostFrequentFirst() {
        assertThat(api().get(VALUES + "?key=href").body())
                .isEqualTo("[{\"name\":\"/pricing\"},{\"name\":\"/price.list\"},{\"name\":\"/priceXlist\"}]");
    }

    @Test
    void tagNameValuesAreTheLeadingTagsOfTheChains() {
        assertThat(names("key=tag_name")).containsExactly("span", "a", "button", "img");
    }

    @Test
    void attrIdAndTextValuesSkipEmptyValuesAndKeepEscapedQuotesAsStored() {
        assertThat(names("key=attr_id")).containsExactly("go", "menu");
        assertThat(names("key=text&value=P")).containsExactly("Pricing", "Price list");
        assertThat(names("key=text&value=now")).containsExactly("Go \\\"now\\\"");
    }

    @Test
    void valueIsALiteralCaseSensitiveSubstring() {
        assertThat(names("key=href&value=.")).containsExactly("/price.list");
        assertThat(names("key=href&value=PRICE")).isEmpty();
        assertThat(names("key=href&value=price")).containsExactly("/price.list", "/priceXlist");
        assertThat(names("key=href&value=%5E%2F")).isEmpty();
        assertThat(names("key=href&value=")).containsExactly("/pricing", "/price.list", "/priceXlist");
    }

    @Test
    void atMostOneHundredValuesAreSuggestedTiesOrderedByValue() {
        List<String> items = names("key=text&value=item");
        assertThat(items).hasSize(100);
        assertThat(items.get(0)).isEqualTo("item 1000");
        assertThat(items.get(99)).isEqualTo("item 1099");
    }

    @Test
    void selectorHasNoSuggestions() {
        assertThat(api().get(VALUES + "?key=selector").body()).isEqualTo("[]");
    }

    @Test
    void otherEnvironmentsAndOtherEventTypesAreNotSuggested() {
        // environment 1: its own autocapture values only, neither environment 2's nor its own rageclicks'
        assertThat(api().get(VALUES + "?key=href").body())
                .isEqualTo("[{\"name\":\"/pricing\"},{\"name\":\"/price.list\"},{\"name\":\"/priceXlist\"}]");
        assertThat(api().get(VALUES + "?key=text&value=r").body()).isEqualTo("[{\"name\":\"Pricing\"},{\"name\":\"Price list\"}]");
        assertThat(api().get(VALUES + "?key=text&value=ag").body()).as("Rage, a rageclick").isEqualTo("[]");
        // environment 2: exactly its own, on either path
        for (String two : new String[] {"/api/projects/2/elements/values", "/api/environments/2/elements/values/"}) {
            assertThat(api().get(two + "?key=href").body()).as(two).isEqualTo("[{\"name\":\"/other-environment\"}]");
            assertThat(api().get(two + "?key=text").body()).as(two).isEqualTo("[{\"name\":\"Other\"}]");
            assertThat(api().get(two + "?key=tag_name").body()).as(two).isEqualTo("[{\"name\":\"a\"}]");
            assertThat(api().get(two + "?key=attr_id").body()).as(two).isEqualTo("[]");
        }
    }

    @Test
    void aMissingOrUnknownKeyIsRefused() {
        for (String query : new String[] {"", "key=", "key=class", "key=HREF", "key=attr__href", "value=x"}) {
            Api.Reply reply = api().get(VALUES + "?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"key must be one of attr_id, href, tag_name, text\",\"attr\":\"key\"}"));
        }
    }
}
