package io.clickmap.observe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and gauges in Prometheus' text format, each with its HELP and TYPE lines. */
public final class PrometheusText {
    private PrometheusText() {
    }

    public static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    /** One counter per label value, in label order so that scrapes read the same from one to the next. */
    public static void counter(StringBuilder out, String name, String help, String label, Map<String, LongAdder> values) {
        header(out, name, help, "counter");
        new TreeMap<>(values).forEach((value, count) ->
                out.append(name).append('{').append(label).append("=\"").append(value).append("\"} ").append(count.sum()).append('\n'));
    }

    public static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
