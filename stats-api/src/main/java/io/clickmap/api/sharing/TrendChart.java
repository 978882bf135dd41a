package io.clickmap.api.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.trends.TrendsItem;
import java.util.List;
import java.util.Locale;

/**
 * A trend drawn as inline SVG, no script: a line per result item (or grouped bars), a value axis with round ticks,
 * bucket labels thinned so that they fit, and the legend. Each series carries its label and values as data
 * attributes ({@code data-label}, {@code data-values}, JSON), and the SVG its bucket labels ({@code data-labels}),
 * so a test can hold the drawing to the API's result.
 */
final class TrendChart {
    static final String[] COLORS = {"#1d4aff", "#cd0f74", "#43827e", "#f04f58", "#621da6", "#7c440e", "#529a0a", "#0476fb", "#fe729e", "#35416b"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 960;
    private static final int HEIGHT = 380;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 16;
    private static final int BOTTOM = 56;
    private static final int LABEL_WIDTH = 84;

    private TrendChart() {
    }

    static String svg(List<TrendsItem> items, boolean bars) {
        List<String> labels = items.get(0).labels() == null ? List.of() : items.get(0).labels();
        int buckets = items.stream().mapToInt(item -> item.data().size()).max().orElse(0);
        double low = items.stream().flatMap(item -> item.data().stream()).mapToDouble(Number::doubleValue).min().orElse(0);
        double high = items.stream().flatMap(item -> item.data().stream()).mapToDouble(Number::doubleValue).max().orElse(0);
        AxisScale scale = AxisScale.of(low, high, 6);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(bars ? "Bar" : "Line").append(" chart of ").append(items.size())
                .append(" series").append("\" data-kind=\"").append(bars ? "bar" : "line")
                .append("\" data-labels=\"").append(Html.text(json(labels))).append("\">\n");
        for (double tick : scale.ticks()) {
            double y = TOP + plotHeight * (1 - scale.fraction(tick));
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#e5e7eb\"/>\n");
            svg.append("<text class=\"y-tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(num(y + 4)).append("\" text-anchor=\"end\">")
                    .append(Html.text(scale.label(tick))).append("</text>\n");
        }
        int stride = AxisScale.labelStride(labels.size(), (int) (plotWidth / LABEL_WIDTH));
        for (int i = 0; i < labels.size(); i += stride) {
            svg.append("<text class=\"x-label\" x=\"").append(num(x(i, buckets, plotWidth, bars))).append("\" y=\"").append(HEIGHT - BOTTOM + 20)
                    .append("\" text-anchor=\"middle\">").append(Html.text(labels.get(i))).append("</text>\n");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(TOP + (int) plotHeight)
                .append("\" y2=\"").append(TOP + (int) plotHeight).append("\" stroke=\"#9ca3af\"/>\n");
        for (int s = 0; s < items.size(); s++) {
            series(svg, items.get(s), s, items.size(), buckets, scale, plotWidth, plotHeight, bars);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void series(StringBuilder svg, TrendsItem item, int index, int count, int buckets, AxisScale scale, double plotWidth,
                               double plotHeight, boolean bars) {
        String color = COLORS[index % COLORS.length];
        svg.append("<g class=\"series\" data-index=\"").append(index).append("\" data-label=\"").append(Html.text(item.label()))
                .append("\" data-values=\"").append(Html.text(json(item.data()))).append('"');
        if (item.breakdownValue() != null) {
            svg.append(" data-breakdown-value=\"").append(Html.text(item.breakdownValue())).append('"');
        }
        svg.append(">\n");
        double zero = TOP + plotHeight * (1 - scale.fraction(0));
        if (bars) {
            double band = plotWidth / Math.max(1, buckets);
            double width = band * 0.8 / count;
            for (int i = 0; i < item.data().size(); i++) {
                double y = TOP + plotHeight * (1 - scale.fraction(item.data().get(i).doubleValue()));
                double left = LEFT + band * i + band * 0.1 + width * index;
                svg.append("<rect x=\"").append(num(left)).append("\" y=\"").append(num(Math.min(y, zero))).append("\" width=\"").append(num(width))
                        .append("\" height=\"").append(num(Math.abs(zero - y))).append("\" fill=\"").append(color).append("\"><title>")
                        .append(Html.text(tooltip(item, i))).append("</title></rect>\n");
            }
        } else {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < item.data().size(); i++) {
                double y = TOP + plotHeight * (1 - scale.fraction(item.data().get(i).doubleValue()));
                points.append(i == 0 ? "" : " ").append(num(x(i, buckets, plotWidth, false))).append(',').append(num(y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"")
                    .append(points).append("\"/>\n");
            // Points only while they stay apart; on a long range they would merge into a thick line.
            if (item.data().size() <= 62) {
                for (int i = 0; i < item.data().size(); i++) {
                    double y = TOP + plotHeight * (1 - scale.fraction(item.data().get(i).doubleValue()));
                    svg.append("<circle cx=\"").append(num(x(i, buckets, plotWidth, false))).append("\" cy=\"").append(num(y))
                            .append("\" r=\"3.5\" fill=\"").append(color).append("\"><title>").append(Html.text(tooltip(item, i)))
                            .append("</title></circle>\n");
                }
            }
        }
        svg.append("</g>\n");
    }

    /** The legend: a swatch and the series' name (with its breakdown value and compare label) per item. */
    static String legend(List<TrendsItem> items) {
        StringBuilder legend = new StringBuilder("<ul class=\"legend\">\n");
        for (int s = 0; s < items.size(); s++) {
            legend.append("<li data-index=\"").append(s).append("\"><svg class=\"swatch\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" rx=\"2\" fill=\"")
                    .append(COLORS[s % COLORS.length]).append("\"/></svg>").append(Html.text(name(items.get(s)))).append("</li>\n");
        }
        return legend.append("</ul>\n").toString();
    }

    static String name(TrendsItem item) {
        String name = item.label() == null ? "" : item.label();
        if (item.breakdownValue() != null && !name.contains(item.breakdownValue())) {
            name = name + " · " + item.breakdownValue();
        }
        return item.compareLabel() == null ? name : name + " (" + item.compareLabel() + ")";
    }

    private static String tooltip(TrendsItem item, int bucket) {
        String label = item.labels() != null && bucket < item.labels().size() ? item.labels().get(bucket) + ": " : "";
        return name(item) + " — " + label + item.data().get(bucket);
    }

    private static double x(int bucket, int buckets, double plotWidth, boolean bars) {
        if (bars) {
            double band = plotWidth / Math.max(1, buckets);
            return LEFT + band * bucket + band / 2;
        }
        return buckets <= 1 ? LEFT + plotWidth / 2 : LEFT + plotWidth * bucket / (buckets - 1);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels and numbers are always JSON", e);
        }
    }
}
