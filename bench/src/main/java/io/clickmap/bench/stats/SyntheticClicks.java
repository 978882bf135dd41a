package io.clickmap.bench.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Generates click events inside ClickHouse ({@code INSERT … SELECT … FROM numbers}), so loading millions costs
 * seconds: ~50,000 distinct posthog-js-shaped chains of 8–12 elements (clicked element with href and text,
 * ancestors with classes and positions), Zipf-like popularity (chain id = 50,000·u³), ~200 page URLs
 * mostly tied to their chain, 85% $autocapture / 10% $rageclick / 5% $dead_click, over the last 30 days.
 */
final class SyntheticClicks {
    // 18.16 lets a lambda use columns of its own SELECT only, so the chain is built where c and depth are.
    private static final String INSERT = """
            INSERT INTO %s.events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties,
                                   property_keys, property_values, kafka_topic, kafka_partition, kafka_offset)
            SELECT generateUUIDv4(), %d,
                   multiIf(r_event < 0.85, '$autocapture', r_event < 0.95, '$rageclick', '$dead_click'),
                   toDateTime(%d) + toUInt32(r_time * %d),
                   toString(cityHash64(number, 3) %% 200000),
                   concat('https://shop.example.com/', ['p', 'c', 'blog', 'docs'][url_id %% 4 + 1], '/', toString(url_id)),
                   chain,
                   '{}', ['plan'], [if(number %% 3 = 0, 'pro', 'free')], 'bench', 0, number
            FROM (
                SELECT number,
                       toUInt32(pow(cityHash64(number, 1) / 18446744073709551616., 3) * 50000) AS c,
                       8 + c %% 5 AS depth,
                       if(number %% 10 = 0, cityHash64(number, 4) %% 200, c %% 200) AS url_id,
                       cityHash64(number, 5) / 18446744073709551616. AS r_event,
                       cityHash64(number, 6) / 18446744073709551616. AS r_time,
                       arrayStringConcat(arrayMap(i -> concat(
                           multiIf(i = 0, ['a', 'button', 'span', 'img'][c %% 4 + 1], i = depth - 1, 'body',
                                   ['div', 'li', 'ul', 'nav', 'section', 'main'][(c + i) %% 6 + 1]),
                           '.c', toString((c + i * 31) %% 1000), if(i %% 2 = 0, '.row', ''),
                           ':attr__class="c', toString((c + i * 31) %% 1000), if(i %% 2 = 0, ' row', ''), '"',
                           if(i = 0, concat('href="/p/', toString(c %% 500), '"'), ''),
                           'nth-child="', toString((c + i) %% 7), '"nth-of-type="', toString((c + i) %% 3), '"',
                           if(i = 0, concat('text="Item ', toString(c), '"'), '')), range(depth)), ';') AS chain
                FROM numbers(%d, %d)
            )""";
    private static final String BIG_BLOCKS = "max_block_size=1048576&max_insert_block_size=1048576";

    private final HttpSql sql;
    private final String database;

    SyntheticClicks(HttpSql sql, String database) {
        this.sql = sql;
        this.database = database;
    }

    /** {@code count} events for one environment, in chunks of a million, spread from 29 days ago 00:00 until now. */
    void load(long team, long count, long firstNumber) {
        long start = LocalDate.now(ZoneOffset.UTC).minusDays(29).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long span = Instant.now().getEpochSecond() - start;
        for (long done = 0; done < count; done += 1_000_000) {
            long chunk = Math.min(1_000_000, count - done);
            sql.run(INSERT.formatted(database, team, start, span, firstNumber + done, chunk), BIG_BLOCKS);
        }
    }

    /** Lets the rollup and side tables reach the state background merges converge to. */
    void mergeRollup() {
        for (String table : new String[] {"element_clicks_daily", "element_chains", "element_urls", "chainless_clicks_daily", "clicks_daily", "daily_ids", "chain_clicks_daily"}) {
            sql.run("OPTIMIZE TABLE " + database + "." + table + " FINAL", null);
        }
    }

    /** Waits (at most five minutes) until no background merge runs, so that measurements do not share the CPU with one. */
    void awaitQuiet() {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline && !sql.run("SELECT count() FROM system.merges", null).equals("0")) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
