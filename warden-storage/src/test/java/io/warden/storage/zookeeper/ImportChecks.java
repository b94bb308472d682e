package io.warden.storage.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.warden.storage.DirectoryFileStore;
import io.warden.storage.Recovery;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/** The comparison every import test ends with. */
final class ImportChecks {
    static final int FIELD_BYTES_MAX = 4 << 20;

    private ImportChecks() {
    }

    /**
     * The import holds what ZooKeeper served (zxid, sessions), and Warden, recovering from the
     * snapshot written from it in a new directory under {@code temp}, serves every node exactly
     * as ZooKeeper did: data, ACL and every Stat field.
     */
    static void assertMatches(ZkImport imported, ZkServed served, Path temp) throws Exception {
        assertThat(imported.zxid()).isEqualTo(served.lastZxid());
        assertThat(imported.sessions()).isEqualTo(served.sessions());

        Path wardenDir = Files.createTempDirectory(temp, "warden");
        DirectoryFileStore snapshots = new DirectoryFileStore(wardenDir.resolve("warden-1"));
        ImportWriter.Written written = ImportWriter.write(imported, snapshots, FIELD_BYTES_MAX);
        assertThat(written.nodes()).isEqualTo(served.nodes().size());
        List<String> warnings = new ArrayList<>();
        Recovery.Recovered recovered = Recovery.recover(snapshots, snapshots, new TreeOptions(true, false),
                FIELD_BYTES_MAX, warnings::add);

        DataTree tree = recovered.tree();
        assertThat(warnings).isEmpty();
        assertThat(tree.lastZxid()).isEqualTo(served.lastZxid());
        assertThat(tree.sessions()).isEqualTo(served.sessions());
        assertThat(NodeView.readWarden(tree)).containsExactlyInAnyOrderEntriesOf(served.nodes());
    }
}
