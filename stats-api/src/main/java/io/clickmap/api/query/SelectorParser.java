package io.clickmap.api.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one selector of {@link ElementSelector#SUPPORTED}: compounds of a tag or {@code *}, classes, ids,
 * attributes and positions, joined by whitespace or {@code >}. A class keeps a {@code :} that does not start a
 * pseudo-class ({@code md:flex}, as Tailwind names classes and as PostHog reads them). Everything else — other
 * combinators, lists, pseudo-classes, attribute operators, more than {@link ElementSelector#MAX_COMPOUNDS}
 * compounds — is a 400 naming {@code properties}, quoting the selector and saying what is wrong.
 */
final class SelectorParser {
    private static final String ATTRIBUTE_OPERATORS = "~|^$*!";
    private static final int MAX_POSITION_DIGITS = 9;
    // As the last segment after a class, one of these is meant as a pseudo-class or -element, not a Tailwind variant.
    private static final Set<String> PSEUDO = Set.of("active", "after", "any-link", "before", "checked", "default", "disabled",
            "empty", "enabled", "first-child", "first-letter", "first-line", "first-of-type", "focus", "focus-visible",
            "focus-within", "has", "hover", "indeterminate", "invalid", "is", "last-child", "last-of-type", "link", "marker",
            "not", "nth-child", "nth-last-child", "nth-last-of-type", "nth-of-type", "only-child", "only-of-type", "optional",
            "placeholder", "placeholder-shown", "read-only", "read-write", "required", "root", "scope", "selection", "target",
            "valid", "visited", "where");

    private final SelectorScanner in;

    SelectorParser(String selector) {
        this.in = new SelectorScanner(selector);
    }

    ElementSelector parse() {
        if (in.text.length() > ElementSelector.MAX_LENGTH) {
            throw ElementRefusal.refused("the element filter on selector takes selectors of at most " + ElementSelector.MAX_LENGTH
                    + " characters; got one of " + in.text.length() + ".");
        }
        List<ElementSelector.Compound> compounds = new ArrayList<>();
        List<Boolean> child = new ArrayList<>();
        boolean childNext = false;
        in.skipSpace();
        if (in.atEnd()) {
            throw in.refused("it is empty");
        }
        while (true) {
            if (compounds.size() == ElementSelector.MAX_COMPOUNDS) {
                throw in.refused("at most " + ElementSelector.MAX_COMPOUNDS + " compound selectors may be joined");
            }
            compounds.add(compound());
            child.add(childNext);
            boolean spaced = in.skipSpace();
            if (in.atEnd()) {
                break;
            }
            char c = in.peek();
            if (c == '>') {
                in.at++;
                in.skipSpace();
                childNext = true;
            } else if (c == '+' || c == '~') {
                throw in.refused("the " + c + " combinator is not supported");
            } else if (c == ',') {
                throw in.refused("a list of selectors is not supported; give each as a value of its own");
            } else if (spaced) {
                childNext = false;
            } else {
                throw in.unexpected();
            }
        }
        boolean[] childOfPrevious = new boolean[child.size()];
        for (int j = 0; j < childOfPrevious.length; j++) {
            childOfPrevious[j] = child.get(j);
        }
        return new ElementSelector(in.text, compounds, childOfPrevious);
    }

    private ElementSelector.Compound compound() {
        List<ElementCondition> conditions = new ArrayList<>();
        int start = in.at;
        if (in.peek() == '*') {
            in.at++;
        } else {
            String tag = in.name();
            if (!tag.isEmpty()) {
                conditions.add(new ElementCondition.Tag(tag));
            }
        }
        while (!in.atEnd()) {
            char c = in.peek();
            if (c == '.') {
                in.at++;
                conditions.add(new ElementCondition.HasClass(className()));
            } else if (c == '#') {
                in.at++;
                conditions.add(new ElementCondition.HasId(required(in.name(), "an id after #")));
            } else if (c == '[') {
                conditions.add(attribute());
            } else if (c == ':') {
                conditions.add(position());
            } else {
                break;
            }
        }
        if (in.at == start) {
            throw in.atEnd() ? in.refused("it ends with a combinator") : in.unexpected();
        }
        return new ElementSelector.Compound(conditions);
    }

    /** A class name, keeping each {@code :segment} that is not a final known pseudo-class ({@code md:hover:flex}). */
    private String className() {
        StringBuilder name = new StringBuilder(required(in.name(), "a class name after ."));
        while (in.peek() == ':') {
            int colon = in.at;
            in.at++;
            String segment = in.name();
            boolean last = in.peek() != ':';
            if (segment.isEmpty() || (last && PSEUDO.contains(segment))) {
                in.at = colon;
                break;
            }
            name.append(':').append(segment);
        }
        return name.toString();
    }

    private ElementCondition attribute() {
        in.at++;
        in.skipSpace();
        String name = required(in.attributeName(), "an attribute name after [");
        in.skipSpace();
        char c = in.peek();
        if (c == ']') {
            in.at++;
            return new ElementCondition.Attribute(name, null);
        }
        if (ATTRIBUTE_OPERATORS.indexOf(c) >= 0 && in.at + 1 < in.text.length() && in.text.charAt(in.at + 1) == '=') {
            throw in.refused("the attribute operator " + c + "= is not supported; only = is");
        }
        if (c != '=') {
            throw in.unexpected();
        }
        in.at++;
        in.skipSpace();
        String value = in.peek() == '"' || in.peek() == '\'' ? in.quoted() : required(in.name(), "a value after =");
        in.skipSpace();
        if (in.peek() != ']') {
            throw in.atEnd() ? in.refused("an attribute selector is not closed with ]")
                    : SelectorScanner.isNameChar(in.peek()) ? in.refused("attribute flags are not supported") : in.unexpected();
        }
        in.at++;
        return new ElementCondition.Attribute(name, value);
    }

    private ElementCondition position() {
        in.at++;
        if (in.peek() == ':') {
            throw in.refused("pseudo-elements are not supported");
        }
        String pseudo = in.name();
        boolean child = pseudo.equals("nth-child");
        if (!child && !pseudo.equals("nth-of-type")) {
            throw in.refused(pseudo.isEmpty() ? "a pseudo-class must follow :" : "the pseudo-class :" + pseudo + " is not supported");
        }
        String example = ":" + pseudo + "(2)";
        if (in.peek() != '(') {
            throw in.refused(":" + pseudo + " takes a position, as in " + example);
        }
        in.at++;
        in.skipSpace();
        String digits = in.digits(MAX_POSITION_DIGITS);
        in.skipSpace();
        if (digits.isEmpty() || digits.length() > MAX_POSITION_DIGITS || in.peek() != ')') {
            throw in.refused(":" + pseudo + " takes a whole number of at most " + MAX_POSITION_DIGITS + " digits, as in " + example);
        }
        in.at++;
        int position = Integer.parseInt(digits);
        return child ? new ElementCondition.NthChild(position) : new ElementCondition.NthOfType(position);
    }

    private String required(String value, String what) {
        if (value.isEmpty()) {
            throw in.refused(what + " is missing" + (in.atEnd() ? "" : " at character " + (in.at + 1)));
        }
        return value;
    }
}
