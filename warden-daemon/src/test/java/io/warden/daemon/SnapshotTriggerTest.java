package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.warden.common.RandomSource;

class SnapshotTriggerTest {
    private static final long SEED = 20261207L;

    /** Commits {@code bytes} a transaction until the trigger says a snapshot is due; how many it took. */
    private static int commitsUntilDue(SnapshotTrigger trigger, long bytes, int max) {
        for (int n = 1; n <= max; n++) {
            trigger.committed(bytes);
            if (trigger.due()) {
                return n;
            }
        }
        return -1;
    }

    @Test
    void dueAfterARandomisedCountInTheUpperHalfOfSnapCount() {
        SnapshotTrigger trigger = SnapshotTrigger.byCount(100, RandomSource.seeded(SEED));
        for (int snapshot = 0; snapshot < 200; snapshot++) {
            int n = commitsUntilDue(trigger, 1_000_000, 1000);
            assertThat(n).as("seed %d, snapshot %d: no byte limit", SEED, snapshot).isBetween(51, 100);
            trigger.started();
        }
    }

    @Test
    void dueAfterARandomisedNumberOfBytesInTheUpperHalfOfTheLimit() {
        SnapshotTrigger trigger = new SnapshotTrigger(1_000_000, 10_000, RandomSource.seeded(SEED), () -> false,
                () -> 0);
        boolean sawLow = false;
        boolean sawHigh = false;
        for (int snapshot = 0; snapshot < 200; snapshot++) {
            int n = commitsUntilDue(trigger, 100, 1000);
            // due once the bytes reach a point in (5,000, 10,000]: after 51 to 100 commits of 100 bytes
            assertThat(n).as("seed %d, snapshot %d", SEED, snapshot).isBetween(51, 100);
            sawLow |= n <= 75;
            sawHigh |= n > 75;
            trigger.started();
        }
        assertThat(sawLow && sawHigh).as("seed %d: the points are spread over the upper half", SEED).isTrue();
    }

    @Test
    void dueWhileUnderPressureOnceSomethingWasAppliedSinceTheLastSnapshotStarted() {
        AtomicBoolean pressure = new AtomicBoolean();
        AtomicLong applied = new AtomicLong(10);
        SnapshotTrigger trigger = new SnapshotTrigger(1_000_000, 1L << 40, RandomSource.seeded(SEED), pressure::get,
                applied::get);
        assertThat(trigger.due()).isFalse();
        pressure.set(true);
        assertThat(trigger.due()).isTrue();
        trigger.started();
        assertThat(trigger.due()).as("a snapshot of the same state would free nothing").isFalse();
        applied.set(11);
        assertThat(trigger.due()).as("the pressure lasts until a compaction ends it").isTrue();
        pressure.set(false);
        assertThat(trigger.due()).isFalse();
    }

    @Test
    void underPressureASnapshotThatFailedIsDueAgainOfTheSameState() {
        SnapshotTrigger trigger = new SnapshotTrigger(1_000_000, 1L << 40, RandomSource.seeded(SEED), () -> true,
                () -> 42);
        assertThat(trigger.due()).isTrue();
        trigger.started();
        assertThat(trigger.due()).as("nothing applied since").isFalse();
        trigger.failed();
        assertThat(trigger.due()).as("nothing will be applied while the leader holds back: retried").isTrue();
    }
}
