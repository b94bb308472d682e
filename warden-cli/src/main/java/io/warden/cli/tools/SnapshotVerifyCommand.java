package io.warden.cli.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warden snapshot verify FILE}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a Warden snapshot as recovery would: header, every node, end marker and checksum, that"
                + " the nodes form a tree, and that their digest is the recorded one.",
        footer = {"", "Prints OK and a summary, exit status 0; or the damage with the file and offset, exit status 1"
                + " (2 when the file does not exist)."})
final class SnapshotVerifyCommand extends FileTool {
    @Parameters(index = "0", paramLabel = "FILE", description = "a snapshot file")
    Path file;

    @Override
    Path file() {
        return file;
    }

    @Override
    int work(PrintStream out) throws IOException, CorruptDataException {
        SnapshotReader.Snapshot snapshot = WardenSnapshots.read(file, limits.recordBytesMax());
        WardenSnapshots.check(file, snapshot);
        out.println("OK " + file + ": zxid " + Formats.hex(snapshot.zxid()) + ", "
                + Formats.count(snapshot.nodes().size(), "node") + ", "
                + Formats.count(snapshot.sessions().size(), "session") + ", digest "
                + Formats.hex(snapshot.digest()) + " matches the tree");
        return ToolRun.OK;
    }
}
