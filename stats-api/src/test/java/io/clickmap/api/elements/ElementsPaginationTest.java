package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paging through an environment's elements: environment 1 holds exactly six (created through the API),
 * environment 2 none, environment 3 holds 1,001 written straight into the table (beyond the largest page).
 */
@MicronautTest
class ElementsPaginationTest extends ServiceTest {
    private static final String SIX = "/api/environments/1/elements/";
    private static final String EMPTY_PAGE = "{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}";

    @Inject
    EnvironmentStore environments;
    private final List<Long> created = new ArrayList<>();

    @BeforeAll
    void createSixElementsAndAnEnvironmentOfManyMore() {
        environments.save(new Environment(2, "Empty", "phc_empty", Instant.now()));
        environments.save(new Environment(3, "Many", "phc_many", Instant.now()));
        for (int i = 0; i < 6; i++) {
            created.add(api().send("POST", SIX, "{\"text\":\"element " + i + "\"}").json().get("id").asLong());
        }
        CLICKHOUSE.sql("INSERT INTO elements (team_id, id, text, has_attr_class, deleted, version) "
                + "SELECT 3, number + 1, toString(number + 1), 0, 0, 1 FROM system.numbers LIMIT 1001");
    }

    private String base() {
        return server.getURL().toString();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("results").forEach(element -> ids.add(element.get("id").asLong()));
        return ids;
    }

    @Test
    void anEnvironmentWithoutElementsListsAnEmptyPage() {
        assertThat(api().get("/api/environments/2/elements/").body()).isEqualTo(EMPTY_PAGE);
        assertThat(api().get("/api/projects/2/elements?offset=10").body())
                .isEqualTo("{\"count\":0,\"next\":null,\"previous\":\"" + base() + "/api/projects/2/elements?offset=0\",\"results\":[]}");
    }

    @Test
    void elementsAreListedInIdOrderWhichIsTheOrderTheyWereCreatedIn() {
        JsonNode page = api().get(SIX).json();

        assertThat(page.get("count").asLong()).isEqualTo(6);
        assertThat(ids(page)).isEqualTo(created).isSorted();
        assertThat(page.get("results").get(0).get("text").asText()).isEqualTo("element 0");
    }

    @Test
    void pagesOfAnExactDivisorOfTheCountEndWithoutANextLink() {
        JsonNode first = api().get(SIX + "?limit=3").json();
        assertThat(ids(first)).isEqualTo(created.subList(0, 3));
        assertThat(first.get("count").asLong()).isEqualTo(6);
        assertThat(first.get("next").asText()).isEqualTo(base() + SIX + "?limit=3&offset=3");
        assertThat(first.get("previous").isNull()).isTrue();

        JsonNode last = api().get(SIX + "?limit=3&offset=3").json();
        assertThat(ids(last)).isEqualTo(created.subList(3, 6));
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("previous").asText()).isEqualTo(base() + SIX + "?limit=3&offset=0");
    }

    @Test
    void aPartialLastPageHoldsTheRestAndThePreviousLinkIsFlooredAtZero() {
        JsonNode last = api().get(SIX + "?limit=4&offset=4").json();

        assertThat(ids(last)).isEqualTo(created.subList(4, 6));
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("previous").asText()).isEqualTo(base() + SIX + "?limit=4&offset=0");
        assertThat(ids(api().get(SIX + "?limit=4&offset=2").json())).isEqualTo(created.subList(2, 6));
    }

    @Test
    void anOffsetAtOrPastTheEndGivesAnEmptyPageWithTheCount() {
        assertThat(api().get(SIX + "?offset=6").body())
                .isEqualTo("{\"count\":6,\"next\":null,\"previous\":\"" + base() + SIX + "?offset=0\",\"results\":[]}");
        assertThat(api().get(SIX + "?limit=2&offset=1000000").body())
                .isEqualTo("{\"count\":6,\"next\":null,\"previous\":\"" + base() + SIX + "?limit=2&offset=999998\",\"results\":[]}");
    }

    @Test
    void nextAndPreviousKeepTheQueryStringAndSetOnlyTheOffset() {
        JsonNode page = api().get(SIX + "?q=a%20b&limit=2&offset=2&x=%C3%A9&offset=2").json();

        assertThat(page.get("next").asText()).isEqualTo(base() + SIX + "?q=a%20b&limit=2&offset=4&x=%C3%A9&offset=4");
        assertThat(page.get("previous").asText()).isEqualTo(base() + SIX + "?q=a%20b&limit=2&offset=0&x=%C3%A9&offset=0");
        assertThat(api().get("/api/projects/1/elements?limit=5").json().get("next").asText())
                .isEqualTo(base() + "/api/projects/1/elements?limit=5&offset=5");
    }

    @Test
    void theDefaultPageHolds100ElementsAndALimitAbove1000IsLoweredTo1000() {
        JsonNode first = api().get("/api/environments/3/elements/").json();
        assertThat(first.get("count").asLong()).isEqualTo(1001);
        assertThat(ids(first)).isEqualTo(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(first.get("next").asText()).isEqualTo(base() + "/api/environments/3/elements/?offset=100");

        JsonNode largest = api().get("/api/environments/3/elements/?limit=5000").json();
        assertThat(ids(largest)).isEqualTo(LongStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(largest.get("next").asText()).isEqualTo(base() + "/api/environments/3/elements/?limit=5000&offset=1000");
        assertThat(ids(api().get("/api/environments/3/elements/?limit=5000&offset=1000").json())).containsExactly(1001L);
    }

    @Test
    void aLimitOrOffsetThatIsNotAnIntegerInRangeIsRefusedNamingIt() {
        for (String limit : new String[] {"0", "-1", "abc", "1.5", "", "1e3"}) {
            Api.Reply reply = api().get(SIX + "?limit=" + limit);
            assertThat(reply.status()).as(limit).isEqualTo(400);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"limit must be a positive integer (at most 1000 are returned).\",\"attr\":\"limit\"}"));
        }
        for (String offset : new String[] {"-1", "x", "1000000000001", "99999999999999999999999"}) {
            Api.Reply reply = api().get(SIX + "?offset=" + offset);
            assertThat(reply.status()).as(offset).isEqualTo(400);
            assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"offset must be an integer from 0 to 1000000000000.\",\"attr\":\"offset\"}"));
        }
        assertThat(api().get(SIX + "?limit=%FF").json().get("attr").asText()).isEqualTo("limit");
    }

    @Test
    void theCountAndThePagesFollowCreatesAndDeletesAtOnce() {
        Api.Reply extra = api().send("POST", SIX, "{}");
        long id = extra.json().get("id").asLong();
        JsonNode withExtra = api().get(SIX).json();
        assertThat(withExtra.get("count").asLong()).isEqualTo(7);
        assertThat(ids(withExtra)).endsWith(id);

        api().send("DELETE", SIX + id + "/");
        JsonNode afterDelete = api().get(SIX).json();
        assertThat(afterDelete.get("count").asLong()).isEqualTo(6);
        assertThat(ids(afterDelete)).isEqualTo(created);
    }
}
