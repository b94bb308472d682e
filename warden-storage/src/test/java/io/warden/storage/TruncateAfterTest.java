package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.common.Zxid;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.zab.Entry;

/**
 * {@link TxnLogWriter#truncateAfter}: records above the point go, whichever segments they are in,
 * records at or below it stay, appends go on in a new segment, and replica recovery reads exactly
 * what is left.
 */
class TruncateAfterTest {
    private static final int EPOCH = 1;
    private static final int LOGGED = 40;
    private static final long SEGMENT_BYTES = 1024;

    private final SimulatedDisk disk = new SimulatedDisk();
    private final ReplicaHistory history = new ReplicaHistory(31).add(EPOCH, LOGGED).add(EPOCH + 1, 3);
    private final List<Entry> logged = history.between(0, Zxid.of(EPOCH, LOGGED));
    private final List<Entry> nextEpoch = history.between(Zxid.of(EPOCH, LOGGED), Long.MAX_VALUE);
    private TxnLogWriter log;

    private List<Long> segments() throws Exception {
        return DataFiles.zxids(disk.logs().list(), DataFiles.LOG_PREFIX);
    }

    private void logEverything() throws Exception {
        ReplicaHistory.saveEpochs(disk, EPOCH + 1, EPOCH + 1);
        log = new TxnLogWriter(disk.logs(), 512, SEGMENT_BYTES, true, StorageTestSupport.RECORD_MAX, 0);
        ReplicaHistory.append(log, logged, 3);
        assertThat(segments()).as("segments").hasSizeGreaterThan(4);
    }

    /**
     * Truncates after {@code zxid}, checks what recovery finds, appends the next epoch's entries
     * and checks again.
     */
    private void truncateThenAppend(long zxid, long expectedLastZxid) throws Exception {
        log.truncateAfter(zxid);
        assertThat(log.lastZxid()).isEqualTo(expectedLastZxid);
        List<Entry> kept = history.between(0, Math.min(zxid, Zxid.of(EPOCH, LOGGED)));
        assertThat(ReplicaHistory.describe(ReplicaHistory.recover(disk, new ArrayList<>()).zabState().log()))
                .isEqualTo(ReplicaHistory.describe(kept));
        assertThat(segments()).allMatch(first -> first <= zxid);
        assertThat(disk.logs().list()).noneMatch(name -> name.startsWith(DataFiles.TRUNCATING_PREFIX));

        ReplicaHistory.append(log, nextEpoch, 2);
        log.close();
        assertThat(segments()).contains(nextEpoch.get(0).zxid());
        List<Entry> expected = new ArrayList<>(kept);
        expected.addAll(nextEpoch);
        ReplicaRecovery.Recovered recovered = ReplicaHistory.recover(disk, new ArrayList<>());
        assertThat(ReplicaHistory.describe(recovered.zabState().log())).isEqualTo(ReplicaHistory.describe(expected));
        assertThat(recovered.truncatedTornTail()).isFalse();
    }

    @Test
    void inTheMiddleOfTheLastSegmentOnlyThatSegmentIsCut() throws Exception {
        logEverything();
        List<Long> before = segments();
        long lastFirst = before.get(before.size() - 1);
        long zxid = Zxid.of(EPOCH, LOGGED - 1);
        assertThat(zxid).isGreaterThan(lastFirst);
        truncateThenAppend(zxid, zxid);
        assertThat(segments()).startsWith(before.toArray(new Long[0]));
    }

    @Test
    void inTheMiddleOfAnEarlierSegmentLaterSegmentsGoAndItIsCut() throws Exception {
        logEverything();
        List<Long> before = segments();
        long zxid = before.get(1) + 1;
        assertThat(zxid).isLessThan(before.get(2) - 1);
        truncateThenAppend(zxid, zxid);
        assertThat(segments()).containsExactly(before.get(0), before.get(1), nextEpoch.get(0).zxid());
    }

    @Test
    void atASegmentBoundaryTheNextSegmentsGoWhole() throws Exception {
        logEverything();
        List<Long> before = segments();
        long zxid = before.get(2) - 1;
        truncateThenAppend(zxid, zxid);
        assertThat(segments()).containsExactly(before.get(0), before.get(1), nextEpoch.get(0).zxid());
    }

    @Test
    void acrossEverySegmentButTheFirst() throws Exception {
        logEverything();
        List<Long> before = segments();
        long zxid = before.get(0) + 1;
        truncateThenAppend(zxid, zxid);
        assertThat(segments()).containsExactly(before.get(0), nextEpoch.get(0).zxid());
    }

    @Test
    void belowTheFirstRecordEverythingGoes() throws Exception {
        logEverything();
        long zxid = Zxid.of(EPOCH, 0);
        truncateThenAppend(zxid, zxid);
        assertThat(segments()).containsExactly(nextEpoch.get(0).zxid());
    }

    @Test
    void atExactlyTheLastRecordNothingGoes() throws Exception {
        logEverything();
        List<Long> before = segments();
        long last = Zxid.of(EPOCH, LOGGED);
        truncateThenAppend(last, last);
        assertThat(segments()).startsWith(before.toArray(new Long[0]));
    }

    /**
     * Segments preallocated far past the read window: the walk reads the zeros after a segment's
     * last record to its end, and the truncation must not look at them again from the start.
     */
    @Test
    void atTheLastRecordOfASegmentFollowedByMegabytesOfZerosNothingOfItGoes() throws Exception {
        ReplicaHistory.saveEpochs(disk, EPOCH + 1, EPOCH + 1);
        log = new TxnLogWriter(disk.logs(), 4L << 20, SEGMENT_BYTES, true, StorageTestSupport.RECORD_MAX, 0);
        ReplicaHistory.append(log, logged, 3);
        List<Long> before = segments();
        assertThat(before).as("segments").hasSizeGreaterThan(3);
        assertThat(disk.logs().size(DataFiles.logName(before.get(1)))).isGreaterThan(3L << 20);

        long lastOfTheSecond = before.get(2) - 1;
        truncateThenAppend(lastOfTheSecond, lastOfTheSecond);
        assertThat(segments()).containsExactly(before.get(0), before.get(1), nextEpoch.get(0).zxid());
    }

    @Test
    void aboveTheLastRecordTheLastRecordStaysTheLast() throws Exception {
        logEverything();
        long last = Zxid.of(EPOCH, LOGGED);
        log.truncateAfter(last + 5);
        assertThat(log.lastZxid()).isEqualTo(last);
        assertThat(ReplicaHistory.recover(disk, new ArrayList<>()).zabState().log()).hasSize(LOGGED);
    }

    @Test
    void bufferedRecordsAtOrBelowThePointAreKept() throws Exception {
        ReplicaHistory.saveEpochs(disk, EPOCH + 1, EPOCH + 1);
        log = new TxnLogWriter(disk.logs(), 512, SEGMENT_BYTES, true, StorageTestSupport.RECORD_MAX, 0);
        for (Entry entry : logged.subList(0, 10)) {
            log.append(entry.zxid(), entry.payload()); // never synced by the caller
        }
        truncateThenAppend(Zxid.of(EPOCH, 6), Zxid.of(EPOCH, 6));
    }

    @Test
    void aLogThatStartsAfterASnapshotCanBeTruncatedToTheSnapshot() throws Exception {
        ReplicaHistory.saveEpochs(disk, EPOCH + 1, EPOCH + 1);
        long snapshotZxid = Zxid.of(EPOCH, 10);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(snapshotZxid));
        log = new TxnLogWriter(disk.logs(), 512, SEGMENT_BYTES, true, StorageTestSupport.RECORD_MAX, snapshotZxid);
        ReplicaHistory.append(log, history.between(snapshotZxid, Zxid.of(EPOCH, LOGGED)), 4);

        log.truncateAfter(snapshotZxid);

        assertThat(log.lastZxid()).isEqualTo(snapshotZxid);
        assertThat(segments()).isEmpty();
        ReplicaHistory.append(log, nextEpoch, 1);
        log.close();
        ReplicaRecovery.Recovered recovered = ReplicaHistory.recover(disk, new ArrayList<>());
        assertThat(recovered.snapshotZxid()).isEqualTo(snapshotZxid);
        assertThat(ReplicaHistory.describe(recovered.zabState().log())).isEqualTo(ReplicaHistory.describe(nextEpoch));
    }
}
