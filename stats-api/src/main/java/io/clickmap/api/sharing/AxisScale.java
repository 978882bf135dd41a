package io.clickmap.api.sharing;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's value axis: from the data's range to round tick values (steps of 1, 2 or 5 times a power of ten) that
 * cover it, starting at zero unless the data goes below it. Pure, so each case is a test with literal numbers.
 */
record AxisScale(double min, double max, double step) {

    static AxisScale of(double dataMin, double dataMax, int targetTicks) {
        double low = Math.min(0, dataMin);
        double high = Math.max(0, dataMax);
        if (high == low) {
            high = low + 1;
        }
        double step = niceStep((high - low) / Math.max(1, targetTicks - 1));
        return new AxisScale(Math.floor(low / step) * step, Math.ceil(high / step) * step, step);
    }

    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** Where a value lies between the axis' ends, 0 at {@link #min} and 1 at {@link #max}. */
    double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** A tick's label: whole numbers with thousands separators, else as many decimals as the step needs. */
    String label(double value) {
        if (step >= 1) {
            return String.format(java.util.Locale.ROOT, "%,d", Math.round(value));
        }
        int decimals = (int) Math.ceil(-Math.log10(step));
        return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
    }

    /**
     * Which of {@code count} bucket labels to write under the axis so that they do not overlap: every {@code k}-th,
     * {@code k} the smallest that leaves at most {@code room} of them.
     */
    static int labelStride(int count, int room) {
        return Math.max(1, (int) Math.ceil(count / (double) Math.max(1, room)));
    }
}
