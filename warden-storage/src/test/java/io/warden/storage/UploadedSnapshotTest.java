package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/** An uploaded snapshot is checked whole, and becomes a tree and a snapshot file at the zxid chosen. */
class UploadedSnapshotTest {
    private static final TreeOptions OPTIONS = new TreeOptions(false, false);
    private static final int FIELD_BYTES_MAX = 1 << 20;

    @TempDir
    Path dir;

    private static byte[] snapshotOf(long zxid) {
        return SnapshotBytes.encode(DataTree.restore(OPTIONS, zxid, Map.of(7L, 30_000),
                new DataTree(OPTIONS).snapshotReadAtOnce().nextChunk(100)));
    }

    @Test
    void aWholeSnapshotBecomesATreeAndASnapshotFileAtAnotherZxid() throws Exception {
        DirectoryFileStore store = new DirectoryFileStore(dir);
        AtomicFiles.write(store, "upload.tmp", snapshotOf(5));
        UploadedSnapshot uploaded = UploadedSnapshot.check(store, "upload.tmp", OPTIONS, FIELD_BYTES_MAX);
        assertThat(uploaded.zxid()).isEqualTo(5);
        assertThat(uploaded.sessions()).containsOnlyKeys(7L);
        DataTree tree = uploaded.treeAt(9);
        assertThat(tree.lastZxid()).isEqualTo(9);
        String name = UploadedSnapshot.writeAsSnapshot(store, tree);
        assertThat(name).isEqualTo(DataFiles.snapshotName(9));
        SnapshotLoader.Newest newest = SnapshotLoader.loadNewest(store, OPTIONS, FIELD_BYTES_MAX, warning -> { });
        assertThat(newest.zxid()).isEqualTo(9);
        assertThat(newest.tree().digest()).isEqualTo(tree.digest());
    }

    @Test
    void everyDamagedByteIsRefused() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        DirectoryFileStore store = new DirectoryFileStore(dir);
        byte[] whole = snapshotOf(5);
        for (int round = 0; round < 20; round++) {
            byte[] damaged = whole.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            AtomicFiles.write(store, "upload.tmp", damaged);
            assertThatThrownBy(() -> UploadedSnapshot.check(store, "upload.tmp", OPTIONS, FIELD_BYTES_MAX))
                    .as("seed %d round %d", seed, round).isInstanceOf(CorruptDataException.class);
        }
        AtomicFiles.write(store, "upload.tmp", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> UploadedSnapshot.check(store, "upload.tmp", OPTIONS, FIELD_BYTES_MAX))
                .isInstanceOf(CorruptDataException.class);
    }
}
