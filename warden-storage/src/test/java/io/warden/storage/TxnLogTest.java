package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;

/** The log: records come back as written, torn tails are cut, corruption is named with its offset. */
class TxnLogTest {
    private static List<Txn> write(SimulatedDisk disk, int count, long segmentBytes) throws Exception {
        Workload workload = new Workload(7);
        List<Txn> txns = new ArrayList<>();
        TxnLogWriter writer = new TxnLogWriter(disk.logs(), 4096, segmentBytes, true, StorageTestSupport.RECORD_MAX, 0);
        for (int i = 0; i < count; i++) {
            Txn txn = workload.next();
            writer.append(txn.zxid(), TxnCodec.encode(txn));
            txns.add(txn);
            if (i % 5 == 4) {
                writer.sync();
            }
        }
        writer.close();
        return txns;
    }

    private static List<Txn> readAll(SimulatedDisk disk, long after, boolean repair) throws Exception {
        List<Txn> read = new ArrayList<>();
        TxnLogReader.read(disk.logs(), after, StorageTestSupport.RECORD_MAX, repair,
                record -> read.add(decode(record.payload())));
        return read;
    }

    private static Txn decode(byte[] payload) {
        try {
            return TxnCodec.decode(payload);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegments() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        List<Txn> written = write(disk, 200, 2048);
        assertThat(disk.logs().list().size()).as("segments").isGreaterThan(3);
        assertThat(readAll(disk, 0, false)).isEqualTo(written);
        assertThat(readAll(disk, 150, false)).isEqualTo(written.subList(150, 200));
    }

    @Test
    void anUnsyncedTailIsLostAndATornOneIsCutButSyncedRecordsStay() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            SimulatedDisk disk = new SimulatedDisk();
            Workload workload = new Workload(seed);
            TxnLogWriter writer = new TxnLogWriter(disk.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
            List<Txn> synced = new ArrayList<>();
            List<Txn> pending = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Txn txn = workload.next();
                writer.append(txn.zxid(), TxnCodec.encode(txn));
                pending.add(txn);
                if (i % 7 == 6) {
                    writer.sync();
                    synced.addAll(pending);
                    pending.clear();
                }
            }
            disk.crashBefore(disk.operations() + 3);
            try {
                writer.sync();
            } catch (SimulatedDisk.Crash expected) {
                // the power went during the write or the fsync
            }
            disk.crash(new SplittableRandom(seed));
            List<Txn> recovered = readAll(disk, 0, true);
            assertThat(recovered).as("seed %d", seed).startsWith(synced.toArray(new Txn[0]));
            List<Txn> all = new ArrayList<>(synced);
            all.addAll(pending);
            assertThat(all).as("seed %d: only whole records come back", seed).startsWith(recovered.toArray(new Txn[0]));
            assertThat(readAll(disk, 0, false)).as("seed %d: the repaired log reads cleanly", seed)
                    .isEqualTo(recovered);
        }
    }

    /** Payloads of every size up to the largest record, some longer than the writer's buffer. */
    private static List<byte[]> largePayloads(SplittableRandom random, int count) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = switch (random.nextInt(4)) {
                case 0 -> StorageTestSupport.RECORD_MAX;
                case 1 -> 1 + random.nextInt(StorageTestSupport.RECORD_MAX);
                case 2 -> 1 + random.nextInt(300_000);
                default -> 1 + random.nextInt(100);
            };
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        return payloads;
    }

    private static List<byte[]> readPayloads(SimulatedDisk disk, boolean repair) throws Exception {
        List<byte[]> read = new ArrayList<>();
        TxnLogReader.read(disk.logs(), 0, StorageTestSupport.RECORD_MAX, repair, record -> read.add(record.payload()));
        return read;
    }

    @Test
    void largeRecordsComeBackWholeAndTheBufferNeverHoldsMoreThanItsBound() throws Exception {
        long seed = 20261207L;
        SimulatedDisk disk = new SimulatedDisk();
        TxnLogWriter writer = new TxnLogWriter(disk.logs(), 4096, 8L << 20, true, StorageTestSupport.RECORD_MAX, 0);
        List<byte[]> payloads = largePayloads(new SplittableRandom(seed), 60);
        for (int i = 0; i < payloads.size(); i++) {
            writer.append(i + 1, payloads.get(i));
            assertThat(writer.bufferBytes()).as("seed %d record %d", seed, i).isLessThanOrEqualTo(
                    TxnLogWriter.BUFFER_BYTES_MAX);
            if (i % 20 == 19) {
                writer.sync(); // groups of twenty, tens of MB each
            }
        }
        writer.close();
        assertThat(readPayloads(disk, false)).as("seed %d", seed).containsExactlyElementsOf(payloads);
    }

    @Test
    void largeRecordsWrittenBeforeTheSyncAreLostOrCutWholeInACrashAndSyncedOnesStay() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SimulatedDisk disk = new SimulatedDisk();
            TxnLogWriter writer = new TxnLogWriter(disk.logs(), 4096, 64L << 20, true, StorageTestSupport.RECORD_MAX,
                    0);
            List<byte[]> payloads = largePayloads(random, 12);
            for (int i = 0; i < 6; i++) {
                writer.append(i + 1, payloads.get(i));
            }
            writer.sync();
            for (int i = 6; i < 12; i++) {
                writer.append(i + 1, payloads.get(i)); // some reach the segment unsynced
            }
            disk.crash(new SplittableRandom(seed));
            List<byte[]> recovered = readPayloads(disk, true);
            assertThat(recovered.size()).as("seed %d: the synced records stay", seed).isGreaterThanOrEqualTo(6);
            assertThat(payloads.subList(0, recovered.size())).as("seed %d: only whole records come back", seed)
                    .containsExactlyElementsOf(recovered);
            assertThat(readPayloads(disk, false)).as("seed %d: the repaired log reads cleanly", seed).hasSameSizeAs(
                    recovered);
        }
    }

    @Test
    void aFlippedBitInsideTheLogIsReportedWithFileAndOffset() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        write(disk, 50, 1 << 20);
        String segment = disk.logs().list().get(0);
        disk.logs().flipBit(segment, (LogFormat.HEADER_BYTES + 20) * 8L + 3);
        assertThatThrownBy(() -> readAll(disk, 0, true))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.logs().describe(segment))
                .satisfies(e -> assertThat(((CorruptDataException) e).offset()).isEqualTo(LogFormat.HEADER_BYTES));
    }

    @Test
    void everySingleBitFlipInWrittenRecordsIsDetectedOrCutNeverServed() throws Exception {
        SimulatedDisk reference = new SimulatedDisk();
        List<Txn> written = write(reference, 20, 1 << 20);
        String segment = reference.logs().list().get(0);
        byte[] original = reference.logs().content(segment);
        int end = LogFormat.HEADER_BYTES;
        while (end + LogFormat.RECORD_OVERHEAD <= original.length && LogFormat.getInt(original, end) != 0) {
            end += LogFormat.RECORD_OVERHEAD + LogFormat.getInt(original, end);
        }
        for (long bit = 0; bit < end * 8L; bit += 7) {
            SimulatedDisk disk = new SimulatedDisk();
            write(disk, 20, 1 << 20);
            disk.logs().flipBit(segment, bit);
            List<Txn> read = new ArrayList<>();
            try {
                TxnLogReader.read(disk.logs(), 0, StorageTestSupport.RECORD_MAX, false,
                        record -> read.add(decode(record.payload())));
            } catch (CorruptDataException detected) {
                continue;
            }
            assertThat(written).as("bit %d: what is served must be a prefix of what was written", bit)
                    .startsWith(read.toArray(new Txn[0]));
        }
    }

    @Test
    void aDamagedLengthInTheMiddleOfTheLastSegmentIsCorruptionNotATornTail() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        List<Txn> written = write(disk, 10, 1 << 20);
        String segment = disk.logs().list().get(0);
        byte[] bytes = disk.logs().content(segment);
        int fourth = LogFormat.HEADER_BYTES;
        for (int i = 0; i < 3; i++) {
            fourth += LogFormat.RECORD_OVERHEAD + LogFormat.getInt(bytes, fourth);
        }
        disk.logs().flipBit(segment, (fourth + 1) * 8L);
        int damaged = fourth;
        assertThatThrownBy(() -> readAll(disk, 0, true))
                .isInstanceOf(CorruptDataException.class)
                .satisfies(e -> assertThat(((CorruptDataException) e).offset()).isEqualTo(damaged));
        assertThat(disk.logs().content(segment)).as("nothing was cut").hasSize(bytes.length);
        assertThat(written).hasSize(10);
    }

    /** Writes 30 records of 1,500 to 3,000 random bytes, synced in fives, in segments of {@code segmentBytes}. */
    private static List<byte[]> writeSectorSpanning(SimulatedDisk disk, long segmentBytes) throws Exception {
        SplittableRandom random = new SplittableRandom(20261208L);
        TxnLogWriter writer = new TxnLogWriter(disk.logs(), 4096, segmentBytes, true, StorageTestSupport.RECORD_MAX,
                0);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] payload = new byte[1500 + random.nextInt(1500)];
            random.nextBytes(payload);
            writer.append(i + 1, payload);
            payloads.add(payload);
            if (i % 5 == 4) {
                writer.sync(); // rolls past segmentBytes
            }
        }
        writer.close();
        return payloads;
    }

    /** The offsets of the records in a segment's bytes. */
    private static List<Integer> recordOffsets(byte[] segment) {
        List<Integer> offsets = new ArrayList<>();
        for (int at = LogFormat.HEADER_BYTES; at + 4 <= segment.length && LogFormat.getInt(segment, at) != 0;
                at += LogFormat.RECORD_OVERHEAD + LogFormat.getInt(segment, at)) {
            offsets.add(at);
        }
        return offsets;
    }

    /** Makes bytes [from, to) of a file zero, durably: a sector as a crash that lost its write leaves it. */
    private static void zero(SimulatedDisk disk, String file, int from, int to) {
        byte[] bytes = disk.logs().content(file);
        for (int at = from; at < to; at++) {
            for (int bit = 0; bit < 8; bit++) {
                if ((bytes[at] & (1 << bit)) != 0) {
                    disk.logs().flipBit(file, at * 8L + bit);
                }
            }
        }
    }

    private static int sectorEndAfter(int offset) {
        return (offset / TxnLogReader.SECTOR_BYTES + 1) * TxnLogReader.SECTOR_BYTES;
    }

    @Test
    void aSectorLostAmongUnsyncedRecordsCutsTheLastSegmentThereThoughLaterRecordsSurvived() throws Exception {
        for (boolean fromTheRecordsStart : new boolean[] {false, true}) {
            SimulatedDisk disk = new SimulatedDisk();
            List<byte[]> payloads = writeSectorSpanning(disk, 8L << 20);
            String segment = disk.logs().list().get(0);
            List<Integer> offsets = recordOffsets(disk.logs().content(segment));
            int damaged = offsets.get(20);
            // a sector whose write was lost reads as last synced: zeros from the record's start to the
            // sector's end, or, for a sector that begins inside the record, zeros throughout
            int from = fromTheRecordsStart ? damaged : sectorEndAfter(damaged);
            zero(disk, segment, from, sectorEndAfter(from));

            assertThat(readPayloads(disk, true))
                    .as("cut at the damaged record (zeros from its start: %s)", fromTheRecordsStart)
                    .containsExactlyElementsOf(payloads.subList(0, 20));
            assertThat(disk.logs().content(segment)).as("the segment ends where the damaged record began")
                    .hasSize(damaged);
            assertThat(readPayloads(disk, false)).as("the repaired log reads cleanly").hasSize(20);
        }
    }

    @Test
    void damageThatNoLostSectorExplainsStopsTheReadAndCutsNothing() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        writeSectorSpanning(disk, 8L << 20);
        String segment = disk.logs().list().get(0);
        byte[] before = disk.logs().content(segment);
        int damaged = recordOffsets(before).get(20);
        disk.logs().flipBit(segment, (damaged + LogFormat.RECORD_HEADER_BYTES + 700) * 8L);

        assertThatThrownBy(() -> readPayloads(disk, true)).isInstanceOf(CorruptDataException.class)
                .satisfies(e -> assertThat(((CorruptDataException) e).offset()).isEqualTo(damaged))
                .hasMessageContaining("checksum mismatch");
        assertThat(disk.logs().content(segment)).as("nothing was cut").hasSize(before.length);
    }

    @Test
    void aSectorOfZerosInASegmentBeforeTheLastIsCorruption() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        writeSectorSpanning(disk, 16 * 1024);
        List<String> segments = disk.logs().list().stream().sorted().toList();
        assertThat(segments).as("segments").hasSizeGreaterThan(2);
        String first = segments.get(0);
        int damaged = recordOffsets(disk.logs().content(first)).get(2);
        zero(disk, first, sectorEndAfter(damaged), sectorEndAfter(damaged) + TxnLogReader.SECTOR_BYTES);

        assertThatThrownBy(() -> readPayloads(disk, true)).isInstanceOf(CorruptDataException.class)
                .satisfies(e -> assertThat(((CorruptDataException) e).offset()).isEqualTo(damaged))
                .hasMessageContaining(first);
    }

    @Test
    void aLastSegmentLeftWithoutRecordsGoesSoThatItsFirstZxidCanBeLoggedAgain() throws Exception {
        for (boolean tornRecord : new boolean[] {false, true}) {
            SimulatedDisk disk = new SimulatedDisk();
            byte[] first = {1, 2, 3};
            byte[] second = new byte[700];
            new SplittableRandom(5).nextBytes(second);
            TxnLogWriter writer = new TxnLogWriter(disk.logs(), 4096, 8L << 20, true, StorageTestSupport.RECORD_MAX,
                    0);
            writer.append(1, first);
            writer.sync();
            writer.roll();
            writer.append(2, second);
            writer.sync();
            writer.close();
            String segment = DataFiles.logName(2);
            // a crash kept the segment's header (its directory entry made durable by another sync)
            // and lost all of its record, or all but the record's first sector
            int lostFrom = tornRecord ? TxnLogReader.SECTOR_BYTES : LogFormat.HEADER_BYTES;
            zero(disk, segment, lostFrom, disk.logs().content(segment).length);

            assertThat(readPayloads(disk, true)).as("torn record: %s", tornRecord).containsExactly(first);
            assertThat(disk.logs().list()).as("the empty segment went").doesNotContain(segment);

            TxnLogWriter again = new TxnLogWriter(disk.logs(), 4096, 8L << 20, true, StorageTestSupport.RECORD_MAX, 1);
            again.append(2, second);
            again.sync();
            again.close();
            assertThat(readPayloads(disk, false)).containsExactly(first, second);
        }
    }
}
