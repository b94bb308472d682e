package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.common.Zxid;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CheckerTest {
    private final Checker checker = new Checker(Set.of(1L, 2L, 3L));

    private static Entry entry(long epoch, long counter, long writeId) {
        return new Entry(Zxid.of(epoch, counter), Payloads.of(writeId));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> violates(Runnable body, String invariant) {
        return assertThatThrownBy(body::run).isInstanceOf(CheckFailure.class)
                .satisfies(failure -> assertThat(((CheckFailure) failure).invariant()).isEqualTo(invariant));
    }

    @Test
    void agreeingHistoriesBuildTheCommittedHistory() {
        checker.applied(1, 0, entry(1, 1, 10));
        checker.applied(1, 1, entry(1, 2, 11));
        checker.applied(2, 0, entry(1, 1, 10));
        checker.applied(1, 2, entry(2, 1, 12));
        checker.restored(3, List.of(entry(1, 1, 10), entry(1, 2, 11)));
        checker.acknowledged(11, Zxid.of(1, 2));

        assertThat(checker.committedCount()).isEqualTo(3);
        assertThat(checker.highestCommittedWriteId()).isEqualTo(12);
        assertThat(checker.isCommitted(11)).isTrue();
        assertThat(checker.acknowledgedCount()).isEqualTo(1);
    }

    @Test
    void flagsAHistoryThatIsNotAPrefix() {
        checker.applied(1, 0, entry(1, 1, 10));
        checker.applied(1, 1, entry(1, 2, 11));

        violates(() -> checker.applied(2, 1, entry(1, 2, 99)), Invariants.COMMITTED_PREFIX)
                .hasMessageContaining("server 2").hasMessageContaining("#1");
        violates(() -> checker.applied(2, 1, entry(2, 1, 11)), Invariants.COMMITTED_PREFIX);
        violates(() -> checker.restored(3, List.of(entry(1, 1, 10), entry(1, 2, 12))), Invariants.COMMITTED_PREFIX);
        violates(() -> checker.applied(2, 5, entry(1, 6, 15)), Invariants.COMMITTED_PREFIX)
                .hasMessageContaining("only 2 entries");
    }

    @Test
    void flagsAGapInZxids() {
        checker.applied(1, 0, entry(1, 1, 10));

        violates(() -> checker.applied(1, 1, entry(1, 3, 11)), Invariants.ZXIDS_CONTIGUOUS);
        violates(() -> checker.applied(1, 1, entry(2, 2, 11)), Invariants.ZXIDS_CONTIGUOUS);
        violates(() -> checker.applied(1, 1, entry(1, 1, 11)), Invariants.ZXIDS_CONTIGUOUS);
        assertThatCode(() -> checker.applied(1, 1, entry(4, 1, 11))).doesNotThrowAnyException();
    }

    @Test
    void theFirstCommittedEntryStartsAnEpoch() {
        violates(() -> checker.applied(1, 0, entry(1, 2, 10)), Invariants.ZXIDS_CONTIGUOUS);
        violates(() -> checker.applied(1, 0, entry(0, 1, 10)), Invariants.ZXIDS_CONTIGUOUS);
    }

    @Test
    void flagsTwoLeadersOfOneEpoch() {
        checker.established(1, 4);
        checker.established(1, 4);
        checker.established(2, 5);

        violates(() -> checker.established(3, 4), Invariants.ONE_LEADER_PER_EPOCH).hasMessageContaining("epoch 4");
        assertThat(checker.leaders()).isEqualTo(Map.of(4L, 1L, 5L, 2L));
    }

    @Test
    void flagsAnEpochGoingBack() {
        checker.currentEpoch(1, 3, 3);
        violates(() -> checker.currentEpoch(1, 3, 2), Invariants.EPOCHS_NEVER_DECREASE);
    }

    @Test
    void flagsAWriteCommittedTwice() {
        checker.applied(1, 0, entry(1, 1, 10));
        violates(() -> checker.applied(1, 1, entry(1, 2, 10)), Invariants.COMMITTED_ONCE);
    }

    @Test
    void flagsAnAcknowledgedWriteThatIsNotCommitted() {
        checker.applied(1, 0, entry(1, 1, 10));

        violates(() -> checker.acknowledged(11, Zxid.of(1, 2)), Invariants.ACKNOWLEDGED_KEPT);
        violates(() -> checker.acknowledged(10, Zxid.of(1, 2)), Invariants.ACKNOWLEDGED_KEPT);
    }

    @Test
    void flagsTheLastCommittedEntryDurableOnlyOnAMinority() {
        Map<Long, SimDisk> disks = Map.of(1L, new SimDisk(1, Dice.seeded(1), false), 2L,
                new SimDisk(1, Dice.seeded(2), false), 3L, new SimDisk(1, Dice.seeded(3), false));
        Entry first = entry(1, 1, 10);
        disks.get(1L).write(1, new DiskWrite.Append(first));
        disks.get(1L).sync(1);
        checker.applied(1, 0, first);

        violates(() -> checker.lastCommittedDurable(disks), Invariants.COMMITTED_DURABLE).hasMessageContaining("[1]");

        disks.get(3L).write(1, new DiskWrite.Append(first));
        disks.get(3L).sync(1);
        assertThatCode(() -> checker.lastCommittedDurable(disks)).doesNotThrowAnyException();
    }

    @Test
    void flagsAServerThatDidNotConverge() {
        checker.applied(1, 0, entry(1, 1, 10));
        checker.applied(1, 1, entry(1, 2, 11));

        violates(() -> checker.converged(Map.of(1L, checker.committed(), 2L, List.of(entry(1, 1, 10)))),
                Invariants.CONVERGED);
        assertThatCode(() -> checker.converged(Map.of(1L, checker.committed(), 2L,
                List.of(entry(1, 1, 10), entry(1, 2, 11))))).doesNotThrowAnyException();
    }
}
