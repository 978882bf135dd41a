package io.clickmap.loadgen;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws 0..n-1 with probability proportional to 1/(k+1)^s: a few pages and elements get most clicks, as on real sites. */
final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double exponent) {
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
    }

    int next(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(index < 0 ? -index - 1 : index, cumulative.length - 1);
    }
}
