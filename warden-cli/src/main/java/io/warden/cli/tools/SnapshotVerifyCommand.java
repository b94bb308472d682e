package io.warden.cli.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.warden.storage.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warden snapshot verify FILE}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a Warden snapshot as recovery would: header, every node, end marker and checksum, that"
                + " the nodes form a tree, and that their digest is the recorded one.",
        footer = {"", "Prints OK and a summary, exit status 0; or the damage with the file and offset, exit status 1"
                + " (2 when the file does not exist)."})
final class SnapshotVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a snapshot file")
    Path file;

    @Mixin
    ToolLimits limits = new ToolLimits();

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        return ToolRun.guarded(err, file.toString(), () -> {
            SnapshotReader.Snapshot snapshot = WardenSnapshots.read(file, limits.recordBytesMax());
            WardenSnapshots.check(file, snapshot);
            out.println("OK " + file + ": zxid " + Formats.hex(snapshot.zxid()) + ", "
                    + Formats.count(snapshot.nodes().size(), "node") + ", "
                    + Formats.count(snapshot.sessions().size(), "session") + ", digest "
                    + Formats.hex(snapshot.digest()) + " matches the tree");
            out.flush();
            return ToolRun.OK;
        });
    }
}
