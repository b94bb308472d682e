package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.common.Zxid;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.ZabState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimDiskTest {

    private static Entry entry(long epoch, long counter) {
        return new Entry(Zxid.of(epoch, counter), Payloads.of(epoch * 1000 + counter));
    }

    /** Entries compare by content here (a record's equals compares arrays by identity). */
    private static List<String> names(List<Entry> entries) {
        return entries.stream().map(Checker::describe).toList();
    }

    private static List<String> names(Entry... entries) {
        return names(List.of(entries));
    }

    private static List<Entry> history(long epoch, int count) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(entry(epoch, i));
        }
        return entries;
    }

    @Test
    void crashLosesUnsyncedWritesButKeepsSyncedOnes() {
        boolean sawAllLost = false;
        for (long seed = 0; seed < 50; seed++) {
            SimDisk disk = new SimDisk(1, Dice.seeded(seed), false);
            disk.write(1, new DiskWrite.SaveEpochs(1, 1));
            disk.write(2, new DiskWrite.Append(entry(1, 1)));
            disk.write(3, new DiskWrite.Append(entry(1, 2)));
            disk.sync(3);
            disk.write(4, new DiskWrite.Append(entry(1, 3)));
            disk.write(5, new DiskWrite.SaveEpochs(2, 1));

            disk.crash();

            ZabState state = disk.toZabState();
            assertThat(names(state.log())).startsWith(names(entry(1, 1), entry(1, 2)).toArray(new String[0]));
            assertThat(state.acceptedEpoch()).isIn(1L, 2L);
            assertThat(state.currentEpoch()).isEqualTo(1);
            assertThat(disk.holds(entry(1, 2))).isTrue();
            assertThat(disk.hasPending()).isFalse();
            sawAllLost |= state.log().size() == 2;
        }
        assertThat(sawAllLost).isTrue();
    }

    @Test
    void crashKeepsOnlyAPrefixOfUnsyncedWrites() {
        Set<Integer> survivors = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            SimDisk disk = new SimDisk(1, Dice.seeded(seed), false);
            for (int i = 1; i <= 4; i++) {
                disk.write(i, new DiskWrite.Append(entry(1, i)));
            }
            disk.crash();
            List<Entry> log = disk.toZabState().log();
            assertThat(names(log)).isEqualTo(names(history(1, 4)).subList(0, log.size()));
            survivors.add(log.size());
        }
        assertThat(survivors).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void syncMakesDurableOnlyUpToItsWriteId() {
        SimDisk disk = new SimDisk(1, Dice.seeded(1), false);
        disk.write(1, new DiskWrite.Append(entry(1, 1)));
        disk.write(2, new DiskWrite.Append(entry(1, 2)));

        disk.sync(1);

        assertThat(disk.holds(entry(1, 1))).isTrue();
        assertThat(disk.holds(entry(1, 2))).isFalse();
        assertThat(disk.pendingCount()).isEqualTo(1);
    }

    @Test
    void truncateAndInstallSnapshotShapeTheLog() {
        SimDisk disk = new SimDisk(1, Dice.seeded(1), false);
        long id = 1;
        for (Entry entry : history(1, 5)) {
            disk.write(id++, new DiskWrite.Append(entry));
        }
        disk.write(id++, new DiskWrite.TruncateAfter(Zxid.of(1, 3)));
        disk.write(id++, new DiskWrite.Append(entry(2, 1)));
        disk.sync(id - 1);

        assertThat(names(disk.toZabState().log())).isEqualTo(names(entry(1, 1), entry(1, 2), entry(1, 3), entry(2, 1)));
        assertThat(disk.holds(entry(1, 4))).isFalse();

        List<Entry> snapshot = history(3, 4);
        disk.write(id++, new DiskWrite.InstallSnapshot(Zxid.of(3, 4), StateCodec.encode(snapshot)));
        disk.write(id++, new DiskWrite.Append(entry(3, 5)));
        disk.sync(id - 1);

        ZabState state = disk.toZabState();
        assertThat(state.snapshotZxid()).isEqualTo(Zxid.of(3, 4));
        assertThat(names(state.log())).isEqualTo(names(entry(3, 5)));
        assertThat(names(disk.snapshotState())).isEqualTo(names(snapshot));
        assertThat(disk.holds(entry(3, 2))).isTrue();
        assertThat(disk.holds(entry(1, 1))).isFalse();
    }

    @Test
    void hostSnapshotIsDurableAtOnceAndDropsTheLogBelowIt() {
        SimDisk disk = new SimDisk(1, Dice.seeded(1), false);
        List<Entry> entries = history(1, 6);
        for (int i = 0; i < entries.size(); i++) {
            disk.write(i + 1, new DiskWrite.Append(entries.get(i)));
        }
        disk.sync(2);

        disk.saveHostSnapshot(Zxid.of(1, 4), entries.subList(0, 4), null);
        disk.crash();

        ZabState state = disk.toZabState();
        assertThat(state.snapshotZxid()).isEqualTo(Zxid.of(1, 4));
        assertThat(names(state.log())).isEqualTo(names(entry(1, 5), entry(1, 6)));
        assertThat(names(disk.durableLog())).isEqualTo(names(entry(1, 5), entry(1, 6)));
        assertThat(disk.holds(entry(1, 3))).isTrue();
    }

    @Test
    void epochsGoingBackOnDiskAreAViolation() {
        SimDisk disk = new SimDisk(1, Dice.seeded(1), false);
        disk.write(1, new DiskWrite.SaveEpochs(3, 3));
        disk.write(2, new DiskWrite.SaveEpochs(2, 2));

        assertThatThrownBy(() -> disk.sync(2)).isInstanceOf(CheckFailure.class)
                .hasMessageContaining("SaveEpochs(accepted 2, current 2)");
    }

    @Test
    void lyingDiskReportsSyncsItDidNotDo() {
        int lost = 0;
        for (long seed = 0; seed < 40; seed++) {
            SimDisk disk = new SimDisk(1, Dice.seeded(seed), true);
            disk.write(1, new DiskWrite.Append(entry(1, 1)));
            disk.sync(1);
            disk.crash();
            if (!disk.holds(entry(1, 1))) {
                lost++;
            }
        }
        assertThat(lost).isBetween(5, 35);
    }

    @Test
    void stateCodecRoundTrips() {
        List<Entry> entries = new ArrayList<>(history(1, 3));
        entries.add(new Entry(Zxid.of(2, 1), new byte[] {1, 2, 3}));

        List<Entry> decoded = StateCodec.decode(StateCodec.encode(entries));

        assertThat(decoded).hasSize(4);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(decoded.get(i).zxid()).isEqualTo(entries.get(i).zxid());
            assertThat(decoded.get(i).payload()).isEqualTo(entries.get(i).payload());
        }
        assertThat(StateCodec.decode(StateCodec.encode(List.of()))).isEmpty();
        assertThat(StateCodec.indexOf(entries, Zxid.of(1, 3))).isEqualTo(2);
        assertThat(StateCodec.indexOf(entries, Zxid.of(1, 4))).isNegative();
    }
}
