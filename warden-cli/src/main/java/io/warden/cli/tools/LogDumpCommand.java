package io.warden.cli.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.warden.storage.CorruptDataException;
import io.warden.storage.TxnLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warden log dump FILE}. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print every record of a Warden log segment: zxid, time, session, cxid, the operation and the"
                + " record's offset in the file.",
        footer = {"", "Exit status: 0 when the whole file was read, 1 when it is damaged (the records before the"
                + " damage are printed, then the file and offset), 2 when it does not exist."})
final class LogDumpCommand extends FileTool {
    @Parameters(index = "0", paramLabel = "FILE", description = "a log segment")
    Path file;

    @Override
    Path file() {
        return file;
    }

    @Override
    int work(PrintStream out) throws IOException, CorruptDataException {
        out.println("Warden log " + file);
        TxnLogReader.Summary summary = WardenLogs.read(file, limits.recordBytesMax(),
                (txn, offset) -> out.println(TxnText.line(txn, offset))); // flushed before any error
        out.println(WardenLogs.summary(summary));
        return ToolRun.OK;
    }
}
