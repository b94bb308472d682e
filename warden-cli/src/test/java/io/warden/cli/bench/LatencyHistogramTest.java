package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void anEmptyHistogramReportsZeros() {
        LatencyHistogram histogram = new LatencyHistogram();

        assertThat(histogram.count()).isZero();
        assertThat(histogram.min()).isZero();
        assertThat(histogram.max()).isZero();
        assertThat(histogram.valueAtPercentile(99)).isZero();
        assertThat(histogram.summary()).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long value = 1; value <= 100; value++) {
            histogram.record(value);
        }

        assertThat(histogram.valueAtPercentile(50)).isEqualTo(50);
        assertThat(histogram.valueAtPercentile(90)).isEqualTo(90);
        assertThat(histogram.valueAtPercentile(99)).isEqualTo(99);
        assertThat(histogram.valueAtPercentile(100)).isEqualTo(100);
        assertThat(histogram.valueAtPercentile(0)).isEqualTo(1);
        assertThat(histogram.min()).isEqualTo(1);
        assertThat(histogram.max()).isEqualTo(100);
        assertThat(histogram.mean()).isEqualTo(50.5);
    }

    @Test
    void bucketsTileTheRangeWithoutGapsOrOverlaps() {
        for (int index = 1; index <= LatencyHistogram.indexOf(LatencyHistogram.VALUE_MAX); index++) {
            long lowest = LatencyHistogram.lowestValueAt(index);
            assertThat(LatencyHistogram.lowestValueAt(index - 1) + LatencyHistogram.widthAt(index - 1))
                    .as("bucket %d starts where %d ends", index, index - 1).isEqualTo(lowest);
            assertThat(LatencyHistogram.indexOf(lowest)).isEqualTo(index);
            assertThat(LatencyHistogram.indexOf(lowest + LatencyHistogram.widthAt(index) - 1)).isEqualTo(index);
        }
    }

    @Test
    void largeValuesAreWithinOnePartIn128() {
        long[] samples = {1_000, 12_345, 999_999, 5_000_000, 123_456_789, 60_000_000_000L};
        for (long sample : samples) {
            LatencyHistogram histogram = new LatencyHistogram();
            histogram.record(sample);
            histogram.record(sample * 2);
            long reported = histogram.valueAtPercentile(50);
            assertThat((double) reported).as("p50 of %d", sample).isCloseTo(sample, within(sample / 128.0));
        }
    }

    @Test
    void percentilesFollowTheNearestRank() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 10_000; micros++) {
            histogram.record(micros * 1_000);
        }

        assertThat((double) histogram.valueAtPercentile(50)).isCloseTo(5_000_000, within(5_000_000 / 128.0));
        assertThat((double) histogram.valueAtPercentile(99)).isCloseTo(9_900_000, within(9_900_000 / 128.0));
        assertThat((double) histogram.valueAtPercentile(99.9)).isCloseTo(9_990_000, within(9_990_000 / 128.0));
        assertThat(histogram.valueAtPercentile(100)).isEqualTo(10_000_000);
        assertThat(histogram.min()).isEqualTo(1_000);

        LatencySummary summary = histogram.summary();
        assertThat(summary.count()).isEqualTo(10_000);
        assertThat(summary.min()).isEqualTo(1.0);
        assertThat(summary.max()).isEqualTo(10_000.0);
        assertThat(summary.p50()).isCloseTo(5_000, within(5_000 / 128.0));
        assertThat(summary.mean()).isCloseTo(5_000.5, within(0.001));
    }

    @Test
    void aReportedValueStaysWithinMinAndMax() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_000_001);

        assertThat(histogram.valueAtPercentile(50)).isEqualTo(1_000_001);
    }

    @Test
    void outOfRangeValuesAreClamped() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);

        assertThat(histogram.min()).isZero();
        assertThat(histogram.max()).isEqualTo(LatencyHistogram.VALUE_MAX);
        assertThat(histogram.count()).isEqualTo(2);
    }

    @Test
    void mergingAddsCountsAndKeepsExtremes() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            a.record(10);
        }
        for (int i = 0; i < 10; i++) {
            b.record(1_000);
        }
        b.record(5);

        a.merge(b);

        assertThat(a.count()).isEqualTo(101);
        assertThat(a.min()).isEqualTo(5);
        assertThat(a.max()).isEqualTo(1_000);
        assertThat(a.valueAtPercentile(50)).isEqualTo(10);
        assertThat((double) a.valueAtPercentile(95)).isCloseTo(1_000, within(1_000 / 128.0));
    }

    @Test
    void percentilesOutsideZeroToHundredAreRejected() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThatThrownBy(() -> histogram.valueAtPercentile(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> histogram.valueAtPercentile(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
