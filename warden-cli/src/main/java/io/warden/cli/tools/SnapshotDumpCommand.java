package io.warden.cli.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.warden.storage.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warden snapshot dump FILE}. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print a Warden snapshot: zxid, digest, node count, sessions, then every node with its data,"
                + " Stat and ACL.",
        footer = {"", "Exit status: 0 when the whole file was read, 1 when it is damaged (the message names the"
                + " offset), 2 when it does not exist."})
final class SnapshotDumpCommand implements Callable<Integer> {
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
            SnapshotListing.print(file.toString(), snapshot, out);
            out.flush();
            return ToolRun.OK;
        });
    }
}
