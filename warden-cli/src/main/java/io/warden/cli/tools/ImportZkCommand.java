package io.warden.cli.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.warden.storage.DataFiles;
import io.warden.storage.DirectoryFileStore;
import io.warden.storage.zookeeper.ImportWriter;
import io.warden.storage.zookeeper.ZkImport;
import io.warden.storage.zookeeper.ZkImporter;
import io.warden.tree.NodeRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden import-zk ZK_DATA_DIR}: a ZooKeeper data directory becomes a Warden one. */
@Command(name = "import-zk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Import an Apache ZooKeeper 3.x data directory into a new Warden data directory.",
            "Reads ZooKeeper's newest valid snapshot and the transactions logged after it, exactly as ZooKeeper"
                    + " would at startup, and writes the resulting tree (every node's data, ACL and Stat, the"
                    + " sessions, the last zxid) as one Warden snapshot into <data-dir>/warden-1. Then start"
                    + " `warden server` with that dataDir. ZooKeeper's files are only read. Stop ZooKeeper first."},
        footer = {"", "Exit status: 0 when imported; 1 when ZooKeeper's files are damaged (the message names the file"
                + " and offset), the data directory already holds Warden data, or writing failed; 2 for a usage"
                + " error or a missing directory."})
public final class ImportZkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ZK_DATA_DIR",
            description = "ZooKeeper's dataDir (holding version-2), or that version-2 directory")
    Path zkDataDir;

    @Option(names = "--zk-log-dir", paramLabel = "DIR",
            description = "ZooKeeper's dataLogDir, when its logs are kept apart from its snapshots")
    Path zkLogDir;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Warden's dataDir to import into (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--data-log-dir", paramLabel = "DIR",
            description = "Warden's dataLogDir, checked to hold no Warden log (default: the data dir)")
    Path dataLogDir;

    @Option(names = "--progress", negatable = true,
            description = "show a progress bar on stderr (default: when run in a terminal)")
    Boolean progress;

    @Mixin
    ToolLimits limits = new ToolLimits();

    @Override
    public Integer call() {
        return run(System.out, System.err, System.console() != null);
    }

    int run(PrintStream out, PrintStream err, boolean terminal) {
        return ToolRun.guarded(err, zkDataDir.toString(), () -> {
            Path snapshots = dataDir.resolve(DataFiles.SUBDIRECTORY);
            Path logs = (dataLogDir == null ? dataDir : dataLogDir).resolve(DataFiles.SUBDIRECTORY);
            Path existing = ImportWriter.existingData(List.of(snapshots, logs));
            if (existing != null) {
                err.println("warden: " + existing.getParent() + " already holds Warden data (" + existing.getFileName()
                        + "); import-zk writes only into a data directory without any");
                return ToolRun.FAILED;
            }
            ProgressBar bar = new ProgressBar(err, progress != null ? progress : terminal);
            ZkImport imported;
            try {
                imported = ZkImporter.load(zkDataDir, zkLogDir, bar);
            } finally {
                bar.finish();
            }
            for (String warning : imported.warnings()) {
                err.println("warden: warning: " + warning);
            }
            ImportWriter.Written written = ImportWriter.write(imported, new DirectoryFileStore(snapshots),
                    limits.recordBytesMax());
            report(imported, written, out);
            return ToolRun.OK;
        });
    }

    private void report(ZkImport imported, ImportWriter.Written written, PrintStream out) {
        out.println("Imported ZooKeeper data from " + zkDataDir);
        if (imported.snapshotFile() != null) {
            out.println("  from      " + imported.snapshotFile() + " (zxid " + Formats.hex(imported.snapshotZxid())
                    + "), then " + Formats.count(imported.transactions(), "transaction") + " from "
                    + Formats.count(imported.logFiles().size(), "log file"));
        } else {
            out.println("  from      " + Formats.count(imported.transactions(), "transaction") + " in "
                    + Formats.count(imported.logFiles().size(), "log file") + " (no snapshot)");
        }
        out.println("  tree      " + Formats.count(written.nodes(), "node") + ", "
                + Formats.count(written.sessions(), "session") + ", zxid " + Formats.hex(written.zxid()));
        out.println("  written   " + written.file());
        if (written.sessions() > 0) {
            out.println("  note      ZooKeeper's clients cannot resume their sessions on Warden (the session"
                    + " passwords differ): the imported " + Formats.count(written.sessions(), "session")
                    + " expire after their timeouts once Warden runs, and their ephemeral nodes go with them");
        }
        int largest = largestData(imported.nodes());
        if (largest > limits.recordBytesMax()) {
            out.println("  note      a node holds " + largest + " bytes: start Warden with jute.maxbuffer of at least "
                    + ((largest + 3) / 4) + " bytes, or it will not read this snapshot");
        }
        out.println("Start Warden on it with dataDir=" + dataDir.toAbsolutePath()
                + (dataLogDir == null ? "" : " and dataLogDir=" + dataLogDir.toAbsolutePath()) + ".");
        out.flush();
    }

    private static int largestData(List<NodeRecord> nodes) {
        int largest = 0;
        for (NodeRecord node : nodes) {
            largest = Math.max(largest, node.data() == null ? 0 : node.data().length);
        }
        return largest;
    }
}
