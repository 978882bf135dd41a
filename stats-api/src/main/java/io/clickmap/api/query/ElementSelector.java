package io.clickmap.api.query;

import io.clickmap.chain.Element;
import java.util.List;

/**
 * A CSS selector of the subset PostHog's selector filter understands, parsed once ({@link SelectorParser}; what it
 * refuses is a 400 naming {@code properties}). It matches a chain when its last compound matches any element of the
 * chain — the clicked one or an ancestor, as PostHog's regex finds it anywhere in the chain — and each earlier
 * compound matches an ancestor of the next: the immediate parent after {@code >}, any further ancestor after a space.
 * Matching costs chain length × compounds, whatever the selector.
 */
public final class ElementSelector {
    public static final int MAX_LENGTH = 1_000;
    // Hand-written and toolbar selectors stay far below; the bound keeps matching cost and error messages small.
    public static final int MAX_COMPOUNDS = 20;
    public static final String SUPPORTED = "tags, .class, #id, [attr=\"value\"], :nth-child(n), :nth-of-type(n) "
            + "and the descendant and child combinators";

    /** Simple selectors that must all hold for one element; none for {@code *}. */
    record Compound(List<ElementCondition> conditions) {
        Compound {
            conditions = List.copyOf(conditions);
        }

        boolean holds(Element element) {
            for (ElementCondition condition : conditions) {
                if (!condition.holds(element)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String text;
    // Outermost first, as written; childOfPrevious[j]: compound j-1 must be the immediate parent of compound j.
    private final List<Compound> compounds;
    private final boolean[] childOfPrevious;

    ElementSelector(String text, List<Compound> compounds, boolean[] childOfPrevious) {
        this.text = text;
        this.compounds = List.copyOf(compounds);
        this.childOfPrevious = childOfPrevious.clone();
    }

    public static ElementSelector parse(String selector) {
        return new SelectorParser(selector).parse();
    }

    public boolean matches(List<Element> chain) {
        int n = chain.size();
        // reached[i]: compounds 0..j match, compound j at chain.get(i) (ancestors have higher indices).
        boolean[] reached = new boolean[n];
        Compound first = compounds.get(0);
        for (int i = 0; i < n; i++) {
            reached[i] = first.holds(chain.get(i));
        }
        for (int j = 1; j < compounds.size(); j++) {
            Compound compound = compounds.get(j);
            boolean[] next = new boolean[n];
            boolean anyAncestorReached = false;
            for (int i = n - 1; i >= 0; i--) {
                boolean parentFits = childOfPrevious[j] ? i + 1 < n && reached[i + 1] : anyAncestorReached;
                next[i] = parentFits && compound.holds(chain.get(i));
                anyAncestorReached |= reached[i];
            }
            reached = next;
        }
        for (boolean found : reached) {
            if (found) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
