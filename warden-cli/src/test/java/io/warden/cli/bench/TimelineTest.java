package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final long ORIGIN = 5_000_000_000L;
    private static final long SECOND = Timeline.SECOND_NANOS;
    private static final long MICRO = 1_000;

    private static long at(double seconds) {
        return ORIGIN + (long) (seconds * SECOND);
    }

    @Test
    void operationsGoToTheSecondTheyWereSentInAcrossRecorders() {
        Timeline timeline = new Timeline(ORIGIN);
        TimelineRecorder first = timeline.recorder();
        TimelineRecorder second = timeline.recorder();

        first.record(at(0.1), 100 * MICRO);
        first.record(at(0.9), 300 * MICRO);
        second.record(at(0.5), 200 * MICRO);
        first.record(at(2.2), 1000 * MICRO);
        second.error(at(2.7));
        first.flush();
        second.flush();

        List<TimelinePoint> points = timeline.report("all", 3).points();
        assertThat(points).extracting(TimelinePoint::startSeconds).containsExactly(0L, 1L, 2L);
        assertThat(points).extracting(TimelinePoint::operations).containsExactly(3L, 0L, 1L);
        assertThat(points).extracting(TimelinePoint::errors).containsExactly(0L, 0L, 1L);
        assertThat(points.get(0).p50Micros()).isBetween(198.0, 202.0);
        assertThat(points.get(0).maxMicros()).isEqualTo(300.0);
        assertThat(points.get(0).throughput()).isEqualTo(3.0);
        assertThat(points.get(1).throughput()).isZero();
        assertThat(points.get(2).p99Micros()).isEqualTo(1000.0);
    }

    @Test
    void aRecorderHandsOverOnlyWhenItsSecondEndsOrItIsFlushed() {
        Timeline timeline = new Timeline(ORIGIN);
        TimelineRecorder recorder = timeline.recorder();

        recorder.record(at(0.2), MICRO);
        recorder.record(at(0.3), MICRO);
        assertThat(timeline.bucketCount()).isZero();

        recorder.record(at(1.1), MICRO);
        assertThat(timeline.report("all", 2).points()).extracting(TimelinePoint::operations).containsExactly(2L);

        recorder.flush();
        assertThat(timeline.report("all", 2).points()).extracting(TimelinePoint::operations).containsExactly(2L, 1L);
    }

    @Test
    void timesBeforeTheOriginAreDropped() {
        Timeline timeline = new Timeline(ORIGIN);
        TimelineRecorder recorder = timeline.recorder();

        recorder.record(at(-0.5), MICRO);
        recorder.error(at(-3));
        recorder.record(at(0.5), MICRO);
        recorder.flush();

        assertThat(timeline.report("all", 1).points()).singleElement()
                .satisfies(point -> assertThat(point.operations()).isEqualTo(1))
                .satisfies(point -> assertThat(point.errors()).isZero());
    }

    @Test
    void aLongRunDoublesTheBucketWidthInsteadOfGrowingPastTheBound() {
        Timeline timeline = new Timeline(ORIGIN, 4);
        TimelineRecorder recorder = timeline.recorder();
        for (int second = 0; second < 100; second++) {
            recorder.record(at(second + 0.5), (second + 1) * MICRO);
            recorder.record(at(second + 0.6), (second + 1) * MICRO);
            assertThat(timeline.bucketCount()).isLessThanOrEqualTo(4);
        }
        recorder.flush();

        TimelineReport report = timeline.report("all", 100);
        assertThat(report.bucketSeconds()).isEqualTo(32);
        assertThat(report.points()).hasSize(4);
        assertThat(report.points()).extracting(TimelinePoint::startSeconds).containsExactly(0L, 32L, 64L, 96L);
        assertThat(report.points().stream().mapToLong(TimelinePoint::operations).sum()).isEqualTo(200);
        assertThat(report.points().get(0).operations()).isEqualTo(64);
        assertThat(report.points().get(0).maxMicros()).isEqualTo(32.0);
        // The last bucket holds seconds 96 to 99 and is cut where the run ended.
        assertThat(report.points().get(3).seconds()).isEqualTo(4.0);
        assertThat(report.points().get(3).throughput()).isEqualTo(2.0);
    }

    @Test
    void theDefaultBoundKeepsOneSecondBucketsForTenMinutes() {
        Timeline timeline = new Timeline(ORIGIN);
        TimelineRecorder recorder = timeline.recorder();
        recorder.record(at(Timeline.BUCKETS_MAX - 0.5), MICRO);
        recorder.flush();
        assertThat(timeline.bucketSeconds()).isEqualTo(1);

        recorder.record(at(Timeline.BUCKETS_MAX + 0.5), MICRO);
        recorder.flush();
        assertThat(timeline.bucketSeconds()).isEqualTo(2);
        assertThat(timeline.bucketCount()).isLessThanOrEqualTo(Timeline.BUCKETS_MAX);
    }

    @Test
    void theLastBucketIsCutAtTheEndOfTheRun() {
        Timeline timeline = new Timeline(ORIGIN);
        TimelineRecorder recorder = timeline.recorder();
        recorder.record(at(0.5), MICRO);
        recorder.record(at(1.1), MICRO);
        recorder.flush();

        List<TimelinePoint> points = timeline.report("all", 1.25).points();

        assertThat(points.get(0).seconds()).isEqualTo(1.0);
        assertThat(points.get(1).seconds()).isEqualTo(0.25);
        assertThat(points.get(1).throughput()).isEqualTo(4.0);
    }

    @Test
    void anEmptyTimelineReportsNoPoints() {
        assertThat(new Timeline(ORIGIN).report("all", 10).isEmpty()).isTrue();
    }
}
