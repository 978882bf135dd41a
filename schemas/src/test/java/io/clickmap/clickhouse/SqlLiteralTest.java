package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import io.clickmap.testing.ClickHouseExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SqlLiteralTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    private static final SqlTemplate ECHO = SqlTemplate.of("SELECT {value} AS value");

    private static Client client;
    private static ClickHouseSql sql;

    @BeforeAll
    static void createAVictimTable() {
        client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()));
        sql = new ClickHouseSql(client);
        CLICKHOUSE.sql("CREATE TABLE events (id UInt32, note String) ENGINE = MergeTree ORDER BY id");
        CLICKHOUSE.sql("INSERT INTO events VALUES (1, 'untouched')");
    }

    @AfterAll
    static void victimTableIsUnchanged() {
        assertThat(CLICKHOUSE.sql("SELECT id, note FROM events FORMAT TSV")).isEqualTo("1\tuntouched\n");
        client.close();
    }

    static Stream<String> hostileStrings() {
        return Stream.of(
                "",
                "plain",
                "it's",
                "'",
                "\\",
                "\\'",
                "ends with a backslash \\",
                "\\\\' OR 1=1 --",
                "'; DROP TABLE events; --",
                "') UNION ALL SELECT note FROM events --",
                "nul\0byte",
                "\0",
                "line\nbreak\r\nand\ttab",
                "\\n is not a newline",
                "\\0 is not a NUL",
                "{value} {placeholder}",
                "unicode: zürich, 東京, emoji 🖱️🔥, rtl ‏עברית",
                "\u2028\u2029\u00a0",
                "x".repeat(1 << 20));
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void aStringComesBackFromTheServerExactlyAsItWent(String value) {
        List<String> echoed = sql.query(ECHO.bind("value", value).render(), row -> row.get("value").textValue());

        assertThat(echoed).containsExactly(value);
    }

    @Test
    void anArrayOfHostileStringsComesBackElementByElement() {
        List<String> values = hostileStrings().filter(value -> value.length() < 1000).toList();

        List<List<String>> echoed = sql.query(ECHO.bind("value", values).render(), row -> {
            List<String> elements = new ArrayList<>();
            row.get("value").forEach(element -> elements.add(element.textValue()));
            return elements;
        });

        assertThat(echoed).containsExactly(values);
    }

    @Test
    void numbersAreWrittenAsNumbers() {
        assertThat(SqlLiteral.render(42L)).isEqualTo("42");
        assertThat(SqlLiteral.render(-7)).isEqualTo("-7");
        assertThat(SqlLiteral.render(0.25)).isEqualTo("0.25");
        assertThat(sql.query(ECHO.bind("value", Long.MIN_VALUE).render(), row -> row.get("value").asText()))
                .containsExactly(String.valueOf(Long.MIN_VALUE));
    }

    @Test
    void datesAndTimesAreReadInUtc() {
        Instant instant = Instant.parse("2026-11-20T23:59:59Z");
        assertThat(sql.query(ECHO.bind("value", instant).render(), row -> row.get("value").asText())).containsExactly("2026-11-20 23:59:59");
        assertThat(sql.query(ECHO.bind("value", LocalDate.of(2026, 2, 28)).render(), row -> row.get("value").asText())).containsExactly("2026-02-28");
    }

    @Test
    void valuesWithoutALiteralFormAreRefused() {
        assertThatThrownBy(() -> SqlLiteral.render(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiteral.render(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiteral.render(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifiersAreCheckedNotEscaped() {
        assertThat(SqlLiteral.identifier("clickmap_1")).isEqualTo("clickmap_1");
        assertThatThrownBy(() -> SqlLiteral.identifier("x; DROP TABLE events")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiteral.identifier("1abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTemplateRefusesUnboundAndUnknownPlaceholders() {
        assertThatThrownBy(() -> ECHO.render()).hasMessageContaining("{value} is not bound");
        assertThatThrownBy(() -> ECHO.bind("other", 1)).hasMessageContaining("no placeholder {other}");
    }

    @Test
    void aPlaceholderInsideABoundValueIsNotExpanded() {
        String rendered = SqlTemplate.of("SELECT {a}, {b}").bind("a", "{b}").bind("b", "x").render();

        assertThat(rendered).isEqualTo("SELECT '{b}', 'x'");
    }
}
