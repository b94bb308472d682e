package io.warden.cli.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warden snapshot dump FILE}. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print a Warden snapshot: zxid, digest, node count, sessions, then every node with its data,"
                + " Stat and ACL.",
        footer = {"", "Exit status: 0 when the whole file was read, 1 when it is damaged (the message names the"
                + " offset), 2 when it does not exist."})
final class SnapshotDumpCommand extends FileTool {
    @Parameters(index = "0", paramLabel = "FILE", description = "a snapshot file")
    Path file;

    @Override
    Path file() {
        return file;
    }

    @Override
    int work(PrintStream out) throws IOException, CorruptDataException {
        SnapshotReader.Snapshot snapshot = WardenSnapshots.read(file, limits.recordBytesMax());
        SnapshotListing.print(file.toString(), snapshot, out);
        return ToolRun.OK;
    }
}
