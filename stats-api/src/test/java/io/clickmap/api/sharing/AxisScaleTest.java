package io.clickmap.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared chart's value axis and its thinned bucket labels, on literal numbers. */
class AxisScaleTest {
    @Test
    void ticksAreRoundStepsFromZeroThatCoverTheData() {
        assertThat(AxisScale.of(0, 8, 6).ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
        assertThat(AxisScale.of(3, 1234, 6).ticks()).containsExactly(0.0, 500.0, 1000.0, 1500.0);
        assertThat(AxisScale.of(-3, 7, 6).ticks()).containsExactly(-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0);
    }

    @Test
    void aFlatZeroSeriesStillGetsAnAxisOfOne() {
        AxisScale scale = AxisScale.of(0, 0, 6);
        assertThat(scale.max()).isEqualTo(1.0);
        assertThat(scale.label(0.2)).isEqualTo("0.2");
    }

    @Test
    void labelsOfWholeStepsHaveThousandsSeparators() {
        assertThat(AxisScale.of(0, 25_000, 6).label(20_000)).isEqualTo("20,000");
    }

    @Test
    void bucketLabelsAreThinnedToTheRoomThereIs() {
        assertThat(AxisScale.labelStride(31, 10)).isEqualTo(4);
        assertThat(AxisScale.labelStride(7, 10)).isEqualTo(1);
        assertThat(AxisScale.labelStride(365, 10)).isEqualTo(37);
    }
}
