package io.clickmap.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The one place where values become SQL text. Strings are quoted with {@code \} and {@code '}
 * escaped (and NUL written as {@code \0}); numbers are written as numbers; collections element by
 * element. Anything else is refused, so a value of an unexpected type can never slip into a statement.
 */
public final class SqlLiteral {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private SqlLiteral() {
    }

    public static String render(Object value) {
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double number) {
            return number(number);
        }
        if (value instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        if (value instanceof Instant instant) {
            return "toDateTime(" + string(DATE_TIME.format(instant)) + ", 'UTC')";
        }
        if (value instanceof LocalDate date) {
            return "toDate(" + string(date.toString()) + ")";
        }
        if (value instanceof Collection<?> values) {
            StringBuilder array = new StringBuilder("[");
            for (Object element : values) {
                if (array.length() > 1) {
                    array.append(", ");
                }
                array.append(render(element));
            }
            return array.append(']').toString();
        }
        throw new IllegalArgumentException("no SQL literal for " + (value == null ? "null" : value.getClass().getName()));
    }

    public static String string(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '\'' -> quoted.append("\\'");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }

    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("no SQL literal for " + value);
        }
        return Double.toString(value);
    }

    /** A database or table name from configuration, checked rather than escaped. */
    public static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain identifier (letters, digits, _; not starting with a digit)");
        }
        return name;
    }
}
