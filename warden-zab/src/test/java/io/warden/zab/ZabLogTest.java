package io.warden.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.common.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZabLogTest {
    private static Entry e(long epoch, long counter) {
        return new Entry(Zxid.of(epoch, counter), new byte[] {(byte) counter});
    }

    private final ZabLog log = new ZabLog(Zxid.of(1, 2), List.of(e(1, 1), e(1, 2), e(1, 3), e(1, 4), e(2, 1)));

    @Test
    void entriesAtOrBelowTheSnapshotAreIgnored() {
        assertThat(log.baseZxid()).isEqualTo(Zxid.of(1, 2));
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.holds(Zxid.of(1, 2))).as("the base point").isTrue();
        assertThat(log.holds(Zxid.of(1, 1))).as("compacted away").isFalse();
        assertThat(log.lastZxid()).isEqualTo(Zxid.of(2, 1));
    }

    @Test
    void largestBelowFindsTheCommonPointOfADivergentFollower() {
        assertThat(log.largestBelow(Zxid.of(1, 9))).isEqualTo(Zxid.of(1, 4));
        assertThat(log.largestBelow(Zxid.of(3, 1))).isEqualTo(Zxid.of(2, 1));
        assertThat(log.largestBelow(Zxid.of(1, 3))).as("the base counts").isEqualTo(Zxid.of(1, 2));
        assertThat(log.largestBelow(Zxid.of(1, 2))).as("nothing held below the base").isEqualTo(-1);
    }

    @Test
    void rangesAndCounts() {
        assertThat(log.between(Zxid.of(1, 3), Zxid.of(2, 1))).extracting(Entry::zxid)
                .containsExactly(Zxid.of(1, 4), Zxid.of(2, 1));
        assertThat(log.countAfter(Zxid.of(1, 3))).isEqualTo(2);
        assertThat(log.countAfter(Zxid.of(2, 1))).isZero();
        assertThat(log.zxidAfter(Zxid.of(1, 2))).isEqualTo(Zxid.of(1, 3));
        assertThat(log.zxidAfter(Zxid.of(1, 4))).isEqualTo(Zxid.of(2, 1));
        assertThat(log.zxidAfter(Zxid.of(2, 1))).isEqualTo(-1);
    }

    @Test
    void truncateCompactAndReset() {
        log.truncateAfter(Zxid.of(1, 3));
        assertThat(log.lastZxid()).isEqualTo(Zxid.of(1, 3));
        assertThatThrownBy(() -> log.truncateAfter(Zxid.of(1, 1))).hasMessageContaining("below the snapshot");
        assertThatThrownBy(() -> log.append(e(1, 3))).hasMessageContaining("append");
        log.append(e(3, 1));
        log.compact(Zxid.of(1, 3));
        assertThat(log.baseZxid()).isEqualTo(Zxid.of(1, 3));
        assertThat(log.size()).isEqualTo(1);
        log.reset(Zxid.of(4, 7));
        assertThat(log.lastZxid()).isEqualTo(Zxid.of(4, 7));
        assertThat(log.size()).isZero();
    }

    @Test
    void payloadBytesFollowEveryAppendTruncationCompactionAndReset() {
        ZabLog sized = new ZabLog(0, List.of());
        for (int counter = 1; counter <= 5; counter++) {
            sized.append(new Entry(Zxid.of(1, counter), new byte[counter * 10]));
        }
        assertThat(sized.payloadBytes()).isEqualTo(10 + 20 + 30 + 40 + 50);
        sized.truncateAfter(Zxid.of(1, 4));
        assertThat(sized.payloadBytes()).as("the fifth truncated").isEqualTo(10 + 20 + 30 + 40);
        sized.compact(Zxid.of(1, 2));
        assertThat(sized.payloadBytes()).as("the first two compacted").isEqualTo(30 + 40);
        sized.compact(Zxid.of(1, 1));
        assertThat(sized.payloadBytes()).as("a compaction below the base changes nothing").isEqualTo(30 + 40);
        sized.reset(Zxid.of(2, 0));
        assertThat(sized.payloadBytes()).isZero();
        assertThat(new ZabLog(Zxid.of(1, 2), List.of(e(1, 1), e(1, 2), e(1, 3))).payloadBytes())
                .as("only what is after the snapshot counts").isEqualTo(1);
    }
}
