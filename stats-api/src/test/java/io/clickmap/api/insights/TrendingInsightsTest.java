package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.User;
import io.clickmap.api.users.UserIds;
import io.clickmap.api.users.UserStore;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET …/insights/trending/} on the real ClickHouse: views stored at chosen times (as PostHog's tests freeze
 * the clock), each test in an environment of its own. The insights are created 60 days ago, so their creators'
 * views are outside every window asked for here.
 */
@MicronautTest
class TrendingInsightsTest extends ServiceTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Instant CREATED = NOW.minus(Duration.ofDays(60));
    private static final AtomicLong ENVIRONMENTS = new AtomicLong(10);

    @Inject
    InsightStore store;
    @Inject
    InsightViews views;
    @Inject
    RowIds ids;
    @Inject
    UserStore users;
    @Inject
    EnvironmentStore environments;

    private User cora;
    private User eddie;
    private final List<User> viewers = new ArrayList<>();

    @BeforeAll
    void createUsers() {
        cora = user("Cora");
        eddie = user("Eddie");
        for (String name : List.of("Ada", "Grace", "Lin", "Max")) {
            viewers.add(user(name));
        }
    }

    private User user(String firstName) {
        User user = new User(UserIds.random(), UUID.randomUUID().toString(), firstName.toLowerCase() + "@example.com", firstName, "", Instant.now());
        users.save(user);
        return user;
    }

    private long environment() {
        long id = ENVIRONMENTS.incrementAndGet();
        environments.save(new Environment(id, "Trending " + id, "phc_trending_" + id, Instant.now()));
        return id;
    }

    /** An insight Cora created 60 days ago and Eddie last changed {@code modifiedDaysAgo} days ago. */
    private StoredInsight insight(long environment, String name, int modifiedDaysAgo, boolean deleted) {
        StoredInsight insight = new StoredInsight(ids.next(), ShortIds.next(), new InsightFields(name, null, null, null, null, deleted, false, List.of(),
                null), CREATED, cora.id(), NOW.minus(Duration.ofDays(modifiedDaysAgo)), eddie.id(), Versions.next(), eddie.id(),
                StoredInsight.Activity.CREATED);
        store.save(environment, insight, new ServerTiming());
        return insight;
    }

    private StoredInsight insight(long environment, String name, int modifiedDaysAgo) {
        return insight(environment, name, modifiedDaysAgo, false);
    }

    private void view(long environment, User user, Duration ago, StoredInsight... insights) {
        views.record(environment, user.id(), Arrays.stream(insights).map(StoredInsight::id).toList(), NOW.minus(ago), new ServerTiming());
    }

    private JsonNode trending(long environment, String query) {
        Api.Reply reply = api().get("/api/environments/" + environment + "/insights/trending/" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("results").forEach(result -> names.add(result.get("name").asText()));
        return names;
    }

    private static List<Integer> counts(JsonNode page) {
        List<Integer> counts = new ArrayList<>();
        page.get("results").forEach(result -> counts.add(result.get("view_count").asInt()));
        return counts;
    }

    @Test
    void insightsRankByUsersWhoViewedThemWithinTheDaysThenByTheLatestChange() {
        long environment = environment();
        StoredInsight older = insight(environment, "Changed 3 days ago", 3);
        StoredInsight newer = insight(environment, "Changed 1 day ago", 1);
        StoredInsight once = insight(environment, "Viewed 10 days ago", 0);
        insight(environment, "Never viewed", 0);
        view(environment, viewers.get(0), Duration.ofDays(1), older);
        view(environment, viewers.get(1), Duration.ofDays(1), older);
        view(environment, viewers.get(0), Duration.ofHours(1), older);
        view(environment, viewers.get(2), Duration.ofDays(2), newer);
        view(environment, viewers.get(3), Duration.ofDays(2), newer);
        view(environment, viewers.get(0), Duration.ofDays(10), once);

        JsonNode week = trending(environment, "");
        assertThat(names(week)).containsExactly("Changed 1 day ago", "Changed 3 days ago");
        assertThat(counts(week)).as("a user counts once, however often they viewed").containsExactly(2, 2);
        assertThat(week.get("count").asInt()).isEqualTo(2);
        assertThat(week.get("next").isNull()).isTrue();
        assertThat(week.get("previous").isNull()).isTrue();

        JsonNode month = trending(environment, "?days=30");
        assertThat(names(month)).containsExactly("Changed 1 day ago", "Changed 3 days ago", "Viewed 10 days ago");
        assertThat(names(trending(environment, "?days=1"))).as("only the newest view counts").containsExactly("Changed 3 days ago");
        assertThat(names(trending(environment, "?days=61"))).as("the creation is Cora's view: all four").hasSize(4);
    }

    @Test
    void eachResultIsTheBasicInsightWithItsCountItsThreeLatestViewersAndItsLastEditor() {
        long environment = environment();
        StoredInsight popular = insight(environment, "Popular", 0);
        for (int i = 0; i < viewers.size(); i++) {
            view(environment, viewers.get(i), Duration.ofHours(10 - i), popular);
        }

        JsonNode result = trending(environment, "?days=7").get("results").get(0);

        List<String> keys = new ArrayList<>(InsightViewsTest.BASIC);
        keys.addAll(List.of("view_count", "viewers", "last_modified_by"));
        assertThat(InsightsCrudTest.keys(result)).containsExactlyElementsOf(keys);
        assertThat(result.get("view_count").asInt()).isEqualTo(4);
        List<String> emails = new ArrayList<>();
        result.get("viewers").forEach(viewer -> emails.add(viewer.get("email").asText()));
        assertThat(emails).containsExactly("max@example.com", "lin@example.com", "grace@example.com");
        assertThat(InsightsCrudTest.keys(result.get("viewers").get(0))).containsExactly("id", "uuid", "distinct_id", "first_name", "last_name",
                "email", "is_email_verified", "hedgehog_config", "role_at_organization");
        assertThat(result.get("last_viewed_at").asText()).isEqualTo(NOW.minus(Duration.ofHours(7)).toString());
        assertThat(result.get("last_modified_by").get("email").asText()).isEqualTo("eddie@example.com");
        assertThat(result.get("created_by").get("email").asText()).isEqualTo("cora@example.com");
    }

    @Test
    void deletedInsightsAreNotTrendingAndRestoredOnesAreAgain() {
        long environment = environment();
        StoredInsight gone = insight(environment, "Deleted", 0, true);
        view(environment, viewers.get(0), Duration.ofHours(1), gone);

        assertThat(names(trending(environment, ""))).isEmpty();

        store.save(environment, gone.next(new InsightFields("Deleted", null, null, null, null, false, false, List.of(), null), true, eddie.id(), Versions.next(), StoredInsight.Activity.RESTORED),
                new ServerTiming());
        assertThat(names(trending(environment, ""))).containsExactly("Deleted");
    }

    @Test
    void theLimitCutsTheRankingTenByDefaultAndAboveAHundredItIsLoweredToAHundred() {
        long environment = environment();
        List<StoredInsight> many = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            many.add(new StoredInsight(ids.next(), ShortIds.next(), new InsightFields("Insight " + i, null, null, null, null, false, false, List.of(), null),
                    CREATED, cora.id(), NOW.minus(Duration.ofMinutes(i)), eddie.id(), Versions.next(), eddie.id(), StoredInsight.Activity.CREATED));
        }
        store.saveAll(environment, many, new ServerTiming());
        view(environment, viewers.get(0), Duration.ofHours(1), many.toArray(StoredInsight[]::new));
        view(environment, viewers.get(1), Duration.ofHours(1), many.get(104));

        assertThat(trending(environment, "").get("count").asInt()).isEqualTo(TrendingParameters.DEFAULT_LIMIT);
        assertThat(names(trending(environment, "?limit=3"))).containsExactly("Insight 104", "Insight 0", "Insight 1");
        assertThat(trending(environment, "?limit=1000").get("results")).hasSize(TrendingParameters.MAX_LIMIT);
        assertThat(trending(environment, "?limit=99999999999999999999999").get("count").asInt()).isEqualTo(TrendingParameters.MAX_LIMIT);
    }

    @Test
    void daysAndLimitThatAreNoIntegersAreRefusedAsPostHogDoesAndOutOfRangeOnesWithTheirBounds() {
        long environment = environment();
        String path = "/api/environments/" + environment + "/insights/trending/";
        for (String[] bad : new String[][] {{"days=abc", "days"}, {"days=", "days"}, {"days=1.5", "days"}, {"limit=ten", "limit"}, {"limit=2e3", "limit"}}) {
            Api.Reply refused = api().get(path + "?" + bad[0]);
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json()).as(bad[0]).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                    + "\"detail\":\"days and limit must be valid integers\",\"attr\":\"" + bad[1] + "\"}"));
        }
        for (String[] bad : new String[][] {{"days=0", "days must be an integer from 1 to 3650."}, {"days=-7", "days must be an integer from 1 to 3650."},
                {"days=3651", "days must be an integer from 1 to 3650."}, {"limit=0", "limit must be a positive integer (at most 100 are returned)."},
                {"limit=-1", "limit must be a positive integer (at most 100 are returned)."}}) {
            Api.Reply refused = api().get(path + "?" + bad[0]);
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api().get(path + "?days=%2B7&limit=+10&offset=5").status()).as("a sign and spaces, as PostHog's int()").isEqualTo(200);
        assertThat(api().get(path + "?days=3650").status()).isEqualTo(200);
    }

    @Test
    void anEnvironmentSeesOnlyItsOwnViewsOnBothPathFamilies() {
        long shop = environment();
        long blog = environment();
        StoredInsight shops = insight(shop, "The shop's", 0);
        view(shop, viewers.get(0), Duration.ofHours(1), shops);
        // a view stored under the blog of the shop's insight (never recorded so: the blog does not have it) counts nowhere
        view(blog, viewers.get(1), Duration.ofHours(1), shops);

        assertThat(names(trending(blog, ""))).isEmpty();
        JsonNode environments = trending(shop, "");
        assertThat(counts(environments)).containsExactly(1);
        assertThat(api().get("/api/projects/" + shop + "/insights/trending").json()).isEqualTo(environments);
        assertThat(api().get("/api/projects/" + shop + "/insights/trending/?days=7").json()).isEqualTo(environments);
    }

    @Test
    void trendingAsCsvIsTheListsRowsWithTheViewTimeCountAndViewers() {
        long environment = environment();
        StoredInsight one = insight(environment, "As CSV", 0);
        view(environment, viewers.get(0), Duration.ofHours(2), one);
        view(environment, viewers.get(1), Duration.ofHours(1), one);
        String at = trending(environment, "").get("results").get(0).get("last_viewed_at").asText();

        Api.Reply reply = api().get("/api/environments/" + environment + "/insights/trending/?format=csv");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(reply.body()).isEqualTo("id,short_id,name,derived_name,description,tags,created_at,last_modified_at,last_refresh,"
                + "last_viewed_at,view_count,viewers\r\n" + one.id() + "," + one.shortId() + ",As CSV,,,," + one.createdAt() + ","
                + one.lastModifiedAt() + ",," + at + ",2,\"grace@example.com,ada@example.com\"\r\n");
    }
}
