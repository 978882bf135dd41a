package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.query.ElementKey;
import io.clickmap.api.query.PropertyOperator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The names of stored match sets: one per filter, the same for an equal filter, never negative. */
class ChainCatalogFilterHashTest {
    @Test
    void filtersThatMatchOtherChainsHaveOtherSets() {
        List<ElementFilter> filters = List.of(
                ElementFilter.of(ElementKey.TEXT, PropertyOperator.EXACT, List.of("a,b")),
                ElementFilter.of(ElementKey.TEXT, PropertyOperator.EXACT, List.of("a", "b")),
                ElementFilter.of(ElementKey.TEXT, PropertyOperator.EXACT, List.of("a", ",b")),
                ElementFilter.of(ElementKey.TEXT, PropertyOperator.IS_NOT, List.of("a,b")),
                ElementFilter.of(ElementKey.HREF, PropertyOperator.EXACT, List.of("a,b")),
                ElementFilter.of(ElementKey.TEXT, PropertyOperator.ICONTAINS, List.of("a,b")),
                ElementFilter.of(ElementKey.SELECTOR, PropertyOperator.EXACT, List.of("a.b")));

        Set<Long> names = filters.stream().map(ChainCatalog::filterHash).collect(Collectors.toSet());

        assertThat(names).hasSize(filters.size()).allSatisfy(name -> assertThat(name).isNotNegative());
    }

    @Test
    void anEqualFilterReadsTheSameSet() {
        Set<Long> names = Stream.of("div.cart > a", "div.cart > a")
                .map(value -> ElementFilter.of(ElementKey.SELECTOR, PropertyOperator.EXACT, List.of(value)))
                .map(ChainCatalog::filterHash).collect(Collectors.toSet());

        assertThat(names).hasSize(1);
    }
}
