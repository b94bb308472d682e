package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/**
 * A file written through {@link UncachedAppendFile} holds exactly the bytes written, after every
 * force and after closing, whatever the pieces' sizes: its padded last block is written again
 * once completed and cut off at each force. The buffering is checked over an ordinary channel
 * with a small block size (direct I/O is not needed to check it, and not every file system has
 * it); {@link DirectoryFileStore#createUncached} is checked on whatever the test directory offers.
 */
class UncachedAppendFileTest {
    private static final int BLOCK_BYTES = 512;

    @TempDir
    Path directory;

    @Test
    void theFileHoldsExactlyWhatWasWrittenAfterEveryForceAndAtTheEnd() throws Exception {
        for (long seed = 1; seed <= 12; seed++) {
            Path file = directory.resolve("file-" + seed);
            Random random = new Random(seed);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (UncachedAppendFile out = new UncachedAppendFile(
                    FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BLOCK_BYTES)) {
                for (int piece = 0; piece < 60; piece++) {
                    byte[] bytes = new byte[pieceSize(random)];
                    random.nextBytes(bytes);
                    int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                    out.write(bytes, offset, bytes.length - offset);
                    expected.write(bytes, offset, bytes.length - offset);
                    assertThat(out.position()).as("seed %d", seed).isEqualTo(expected.size());
                    if (random.nextInt(4) == 0) {
                        out.force();
                        assertThat(Files.readAllBytes(file)).as("seed %d, after a force", seed)
                                .isEqualTo(expected.toByteArray());
                    }
                }
            }
            assertThat(Files.readAllBytes(file)).as("seed %d, after closing", seed).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aProbeLeavesTheFileEmptyAndWritableFromItsStart() throws Exception {
        Path file = directory.resolve("probed");
        byte[] bytes = new byte[3 * BLOCK_BYTES + 7];
        new Random(5).nextBytes(bytes);
        try (UncachedAppendFile out = new UncachedAppendFile(
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BLOCK_BYTES)) {
            out.probe();
            assertThat(Files.size(file)).as("after the probe").isZero();
            out.write(bytes, 0, bytes.length);
            out.force();
            assertThatThrownBy(out::probe).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    /** Mostly small pieces, some spanning blocks, some longer than the whole buffer. */
    private static int pieceSize(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(8);
            case 1 -> random.nextInt(3 * BLOCK_BYTES);
            case 2 -> random.nextInt(UncachedAppendFile.BUFFER_BYTES / 3);
            default -> random.nextInt(2 * UncachedAppendFile.BUFFER_BYTES + 1);
        };
    }

    @Test
    void aForceAfterAFewBytesLeavesNoPaddingBehind() throws Exception {
        Path file = directory.resolve("short");
        try (UncachedAppendFile out = new UncachedAppendFile(
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BLOCK_BYTES)) {
            out.write(new byte[] {1, 2, 3}, 0, 3);
            out.force();
            assertThat(Files.size(file)).isEqualTo(3);
            out.write(new byte[] {4}, 0, 1);
            out.force();
            assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void filesSayWhetherTheyBypassThePageCache() throws Exception {
        try (UncachedAppendFile out = new UncachedAppendFile(
                FileChannel.open(directory.resolve("uncached"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                BLOCK_BYTES)) {
            assertThat(out.uncached()).isTrue();
        }
        DirectoryFileStore store = new DirectoryFileStore(directory.resolve("store"));
        try (FileStore.AppendFile ordinary = store.create("ordinary")) {
            assertThat(ordinary.uncached()).isFalse();
        }
        // a store without direct I/O (the simulated disk) writes snapshots through its ordinary files
        try (SnapshotWriter writer = new SnapshotWriter(new SimulatedDisk().snapshots(),
                1, 0, Map.of(), 0)) {
            assertThat(writer.uncached()).isFalse();
        }
    }

    @Test
    void aBlockSizeThatDoesNotDivideTheBufferIsRefused() throws Exception {
        FileChannel channel = FileChannel.open(directory.resolve("odd"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try (channel) {
            assertThatThrownBy(() -> new UncachedAppendFile(channel, 1000))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSnapshotWrittenUncachedOnARealDirectoryReadsBackWhole() throws Exception {
        DirectoryFileStore store = new DirectoryFileStore(directory.resolve("snapshots"));
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        Workload workload = new Workload(7);
        for (int i = 0; i < 3000; i++) {
            tree.apply(workload.next());
        }
        String name = StorageTestSupport.snapshot(store, tree, 64 << 10);
        SnapshotReader.Snapshot read = SnapshotReader.read(store, name, StorageTestSupport.RECORD_MAX);
        DataTree restored = DataTree.restore(TreeOptions.DEFAULTS, read.zxid(), read.sessions(), read.nodes());
        assertThat(restored.digest()).isEqualTo(tree.digest()).isEqualTo(read.digest());
        assertThat(restored.nodeCount()).isEqualTo(tree.nodeCount());
        assertThat(store.list()).containsExactly(name);
    }
}
