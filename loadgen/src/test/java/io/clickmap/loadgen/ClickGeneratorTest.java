package io.clickmap.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.chain.ChainDecoder;
import io.clickmap.event.ClickEvent;
import io.clickmap.event.ConfiguredEnvironments;
import io.clickmap.event.EventReader;
import io.clickmap.event.ReadResult;
import io.clickmap.event.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickGeneratorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    private final EventReader reader = new EventReader(new ConfiguredEnvironments(Map.of(1L, "phc_clickmap_local")));

    private List<ClickGenerator.Click> generate(ClickGenerator.Options options, int count) {
        ClickGenerator generator = new ClickGenerator(options, CLOCK);
        List<ClickGenerator.Click> clicks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clicks.add(generator.next());
        }
        return clicks;
    }

    private ClickEvent read(ClickGenerator.Click click) {
        ReadResult result = reader.read(click.message(), new Source("t", 0, 0, 0));
        assertThat(result).isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) result).event();
    }

    @Test
    void everyGeneratedMessageIsAValidClickEventOfPosthogJsSize() {
        List<ClickGenerator.Click> clicks = generate(ClickGenerator.Options.defaults(), 2_000);
        assertThat(clicks.stream().mapToInt(click -> click.message().length).average().orElseThrow()).isBetween(1_000.0, 1_500.0);
        for (ClickGenerator.Click click : clicks) {
            ClickEvent event = read(click);

            assertThat(event.uuid()).isEqualTo(click.uuid());
            assertThat(event.elementsChain()).isEqualTo(click.chain());
            assertThat(event.currentUrl()).isEqualTo(click.url());
            assertThat(ChainDecoder.decode(event.elementsChain())).hasSizeBetween(8, 12);
            assertThat(click.message().length).isBetween(900, 2_300);
        }
    }

    @Test
    void theThreeClickTypesAppearInRoughlyTheConfiguredShares() {
        Map<String, Integer> types = new HashMap<>();
        generate(ClickGenerator.Options.defaults(), 10_000).forEach(click -> types.merge(click.event(), 1, Integer::sum));

        assertThat(types.get("$autocapture")).isBetween(8_700, 9_300);
        assertThat(types.get("$rageclick")).isBetween(350, 650);
        assertThat(types.get("$dead_click")).isBetween(350, 650);
    }

    @Test
    void pagesAndElementsAreSkewedSoAFewGetMostClicks() {
        List<ClickGenerator.Click> clicks = generate(ClickGenerator.Options.defaults(), 20_000);
        Map<String, Integer> byUrl = new HashMap<>();
        clicks.forEach(click -> byUrl.merge(click.url(), 1, Integer::sum));
        Set<String> chains = new HashSet<>();
        clicks.forEach(click -> chains.add(click.chain()));

        int busiest = byUrl.values().stream().max(Integer::compare).orElseThrow();
        assertThat(byUrl.size()).isGreaterThan(150);
        assertThat(busiest).isGreaterThan(20_000 / 200 * 10);
        assertThat(chains.size()).isGreaterThan(5_000);
    }

    @Test
    void theSameSeedGivesTheSameEventsAndEnvelopesCarryTheSameEvent() {
        List<ClickGenerator.Click> first = generate(ClickGenerator.Options.defaults(), 50);
        List<ClickGenerator.Click> again = generate(ClickGenerator.Options.defaults(), 50);
        List<ClickGenerator.Click> enveloped = generate(ClickGenerator.Options.defaults().withShape(ClickGenerator.Shape.ENVELOPE).withTeam(0, "phc_clickmap_local"), 50);

        assertThat(again).extracting(ClickGenerator.Click::uuid).containsExactlyElementsOf(first.stream().map(ClickGenerator.Click::uuid).toList());
        for (int i = 0; i < 50; i++) {
            ClickEvent event = read(enveloped.get(i));
            assertThat(event.uuid()).isEqualTo(first.get(i).uuid());
            assertThat(event.teamId()).isEqualTo(1);
            assertThat(event.elementsChain()).isEqualTo(first.get(i).chain());
        }
    }

    @Test
    void aSpreadPutsTimestampsWithinThatManyDaysBeforeNow() {
        List<ClickGenerator.Click> clicks = generate(ClickGenerator.Options.defaults().withSpread(Duration.ofDays(30)), 1_000);

        assertThat(clicks).allSatisfy(click -> assertThat(click.timestamp())
                .isBetween(CLOCK.instant().minus(Duration.ofDays(30)), CLOCK.instant()));
        assertThat(clicks.stream().map(click -> click.timestamp().truncatedTo(java.time.temporal.ChronoUnit.DAYS)).distinct().count()).isGreaterThan(25);
    }
}
