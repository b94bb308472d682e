package io.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExpiryBucketsTest {
    private static final long INTERVAL_MS = 2_000;

    @Test
    void aSessionExpiresAtItsDeadlineRoundedUpToTheInterval() {
        ExpiryBuckets buckets = new ExpiryBuckets(INTERVAL_MS, 10_500);
        Session session = new Session(1, 5_000, 0);
        buckets.touch(session, 10_500);

        assertThat(session.deadlineMs).isEqualTo(16_000);
        assertThat(buckets.takeDue(15_999)).isEmpty();
        assertThat(buckets.takeDue(16_000)).containsExactly(session);
        assertThat(session.inBucket).isFalse();
        assertThat(buckets.bucketCount()).isZero();
    }

    @Test
    void touchesWithinOneIntervalLeaveTheSessionInItsBucket() {
        ExpiryBuckets buckets = new ExpiryBuckets(INTERVAL_MS, 0);
        Session session = new Session(1, 4_000, 0);
        buckets.touch(session, 100);
        long first = session.deadlineMs;
        buckets.touch(session, 1_900);

        assertThat(session.deadlineMs).isEqualTo(first);
        buckets.touch(session, 2_000);
        assertThat(session.deadlineMs).isEqualTo(first + INTERVAL_MS);
        assertThat(buckets.bucketCount()).isEqualTo(1);
    }

    @Test
    void aRemovedSessionNeverExpires() {
        ExpiryBuckets buckets = new ExpiryBuckets(INTERVAL_MS, 0);
        Session kept = new Session(1, 1_000, 0);
        Session removed = new Session(2, 1_000, 0);
        buckets.touch(kept, 0);
        buckets.touch(removed, 0);
        buckets.remove(removed);

        assertThat(buckets.takeDue(100_000)).containsExactly(kept);
    }

    @Test
    void aLongJumpInTimeExpiresEveryDueBucketInDeadlineOrder() {
        ExpiryBuckets buckets = new ExpiryBuckets(INTERVAL_MS, 0);
        Session late = new Session(1, 9_000, 0);
        Session early = new Session(2, 1_000, 0);
        Session alive = new Session(3, 1_000, 0);
        buckets.touch(late, 0);
        buckets.touch(early, 0);
        buckets.touch(alive, 1_000_000_000L);

        assertThat(buckets.takeDue(999_999_999L)).containsExactly(early, late);
        assertThat(buckets.takeDue(1_000_002_000L)).containsExactly(alive);
    }

    /** Against a model that keeps every session's exact rounded deadline and scans them all. */
    @Test
    void randomTouchesRemovalsAndTicksExpireExactlyWhatAFullScanWould() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        ExpiryBuckets buckets = new ExpiryBuckets(INTERVAL_MS, 0);
        Map<Long, Session> live = new HashMap<>();
        Map<Long, Long> modelDeadlines = new HashMap<>();
        long nowMs = 0;
        for (int step = 0; step < 20_000; step++) {
            nowMs += random.nextInt(700);
            long id = 1 + random.nextInt(200);
            int action = random.nextInt(10);
            if (action < 6) {
                Session session = live.computeIfAbsent(id, k -> new Session(k, 1_000 + 1_000 * random.nextInt(10), 0));
                buckets.touch(session, nowMs);
                long rounded = Math.floorDiv(nowMs + session.timeoutMs, INTERVAL_MS) * INTERVAL_MS + INTERVAL_MS;
                modelDeadlines.put(id, rounded);
            } else if (action < 7) {
                Session session = live.remove(id);
                if (session != null) {
                    buckets.remove(session);
                    modelDeadlines.remove(id);
                }
            } else {
                List<Long> expected = new ArrayList<>();
                for (Map.Entry<Long, Long> entry : modelDeadlines.entrySet()) {
                    if (entry.getValue() <= nowMs) {
                        expected.add(entry.getKey());
                    }
                }
                List<Long> actual = buckets.takeDue(nowMs).stream().map(s -> s.id).toList();
                assertThat(actual).as("seed %d, step %d, now %d", seed, step, nowMs)
                        .containsExactlyInAnyOrderElementsOf(expected);
                expected.forEach(expiredId -> {
                    modelDeadlines.remove(expiredId);
                    live.remove(expiredId);
                });
            }
        }
    }
}
