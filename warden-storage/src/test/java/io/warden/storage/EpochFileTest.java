package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.warden.storage.simulated.SimulatedDisk;

/** Epoch files: ZooKeeper's text form, written atomically, read back or refused naming the file. */
class EpochFileTest {
    private final SimulatedDisk disk = new SimulatedDisk();

    private void put(String name, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        try (FileStore.AppendFile file = disk.snapshots().create(name)) {
            file.write(bytes, 0, bytes.length);
            file.force();
        }
        disk.snapshots().syncDirectory();
    }

    @Test
    void aWrittenEpochReadsBackAndIsTheNumberAndANewline() throws Exception {
        EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 7);
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, -1)).isEqualTo(7);
        assertThat(new String(disk.snapshots().content(EpochFile.ACCEPTED_EPOCH), StandardCharsets.US_ASCII))
                .isEqualTo("7\n");

        EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, EpochFile.EPOCH_MAX);
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, -1)).isEqualTo(EpochFile.EPOCH_MAX);
        assertThat(disk.snapshots().list()).containsExactly(EpochFile.ACCEPTED_EPOCH);
    }

    @Test
    void theTwoEpochsAreSeparateFiles() throws Exception {
        EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 5);
        EpochFile.write(disk.snapshots(), EpochFile.CURRENT_EPOCH, 4);
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 0)).isEqualTo(5);
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.CURRENT_EPOCH, 0)).isEqualTo(4);
    }

    @Test
    void aMissingFileGivesTheDefault() throws Exception {
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.CURRENT_EPOCH, 0)).isZero();
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.CURRENT_EPOCH, 42)).isEqualTo(42);
    }

    @Test
    void aNumberWithoutANewlineIsRead() throws Exception {
        put(EpochFile.CURRENT_EPOCH, "12");
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.CURRENT_EPOCH, 0)).isEqualTo(12);
    }

    @Test
    void contentThatIsNotAnEpochIsCorruptionNamingTheFile() throws Exception {
        String[] bad = {"", "\n", "x1\n", "-1\n", "1 2\n", "3\n\n", " 3\n", "3\r\n", "2147483648\n",
            "99999999999999999999\n", "1".repeat(EpochFile.FILE_BYTES_MAX + 1)};
        for (String content : bad) {
            SimulatedDisk fresh = new SimulatedDisk();
            byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
            try (FileStore.AppendFile file = fresh.snapshots().create(EpochFile.ACCEPTED_EPOCH)) {
                file.write(bytes, 0, bytes.length);
            }
            assertThatThrownBy(() -> EpochFile.read(fresh.snapshots(), EpochFile.ACCEPTED_EPOCH, 0))
                    .as("content \"%s\"", content)
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining(fresh.snapshots().describe(EpochFile.ACCEPTED_EPOCH))
                    .satisfies(e -> assertThat(((CorruptDataException) e).offset()).isZero());
        }
    }

    @Test
    void anEpochOutOfRangeIsNotWrittenAndTheOldOneStays() throws Exception {
        EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 3);
        assertThatThrownBy(() -> EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, EpochFile.EPOCH_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 0)).isEqualTo(3);
    }

    @Test
    void aTemporaryFileAnEarlierCrashLeftDoesNotStopAWrite() throws Exception {
        put(EpochFile.ACCEPTED_EPOCH + DataFiles.TEMPORARY_SUFFIX, "garbage");
        EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 9);
        assertThat(EpochFile.read(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, 0)).isEqualTo(9);
        assertThat(disk.snapshots().list()).containsExactly(EpochFile.ACCEPTED_EPOCH);
    }
}
