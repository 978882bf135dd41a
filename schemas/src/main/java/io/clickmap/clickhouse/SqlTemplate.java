package io.clickmap.clickhouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL statement with named placeholders, {@code {name}}, filled only through {@link SqlLiteral}
 * (values) or with fragments rendered by other templates. Parsed once; every placeholder must be bound.
 */
public final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final List<String> texts = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private SqlTemplate(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        int last = 0;
        while (matcher.find()) {
            texts.add(template.substring(last, matcher.start()));
            names.add(matcher.group(1));
            last = matcher.end();
        }
        texts.add(template.substring(last));
    }

    public static SqlTemplate of(String template) {
        return new SqlTemplate(template);
    }

    public Binding bind(String name, Object value) {
        return new Binding().bind(name, value);
    }

    /** The template with no placeholders, as SQL. */
    public String render() {
        return new Binding().render();
    }

    /** Values for one rendering. */
    public final class Binding {
        private final Map<String, String> rendered = new HashMap<>();

        public Binding bind(String name, Object value) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("the template has no placeholder {" + name + "}");
            }
            rendered.put(name, value instanceof Fragment fragment ? fragment.sql() : SqlLiteral.render(value));
            return this;
        }

        public String render() {
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                String value = rendered.get(names.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("placeholder {" + names.get(i) + "} is not bound");
                }
                sql.append(texts.get(i)).append(value);
            }
            return sql.append(texts.get(names.size())).toString();
        }

        public Fragment fragment() {
            return new Fragment(render());
        }
    }

    /**
     * SQL that is already safe: rendered by a template or written in code, never taken from input.
     * Binding one inserts it as it is.
     */
    public record Fragment(String sql) {
        public static final Fragment EMPTY = new Fragment("");

        public static Fragment identifier(String name) {
            return new Fragment(SqlLiteral.identifier(name));
        }

        /** SQL written in the code base; callers pass constants only. */
        public static Fragment code(String sql) {
            return new Fragment(sql);
        }
    }
}
