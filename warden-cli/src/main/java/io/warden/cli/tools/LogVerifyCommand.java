package io.warden.cli.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.warden.storage.CorruptDataException;
import io.warden.storage.TxnLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warden log verify FILE}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every record of a Warden log segment: header, lengths, checksums, end-of-record bytes,"
                + " zxids in order and without gaps, and that each transaction decodes. Nothing is repaired.",
        footer = {"", "Prints OK and a summary, exit status 0; or the damage with the file and offset, exit status 1"
                + " (2 when the file does not exist)."})
final class LogVerifyCommand extends FileTool {
    @Parameters(index = "0", paramLabel = "FILE", description = "a log segment")
    Path file;

    @Override
    Path file() {
        return file;
    }

    @Override
    int work(PrintStream out) throws IOException, CorruptDataException {
        TxnLogReader.Summary summary = WardenLogs.read(file, limits.recordBytesMax(), (txn, offset) -> {
        });
        out.println("OK " + file + ": " + WardenLogs.summary(summary));
        return ToolRun.OK;
    }
}
