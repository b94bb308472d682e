package io.warden.cli.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.warden.storage.TxnLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warden log verify FILE}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every record of a Warden log segment: header, lengths, checksums, end-of-record bytes,"
                + " zxids in order and without gaps, and that each transaction decodes. Nothing is repaired.",
        footer = {"", "Prints OK and a summary, exit status 0; or the damage with the file and offset, exit status 1"
                + " (2 when the file does not exist)."})
final class LogVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a log segment")
    Path file;

    @Mixin
    ToolLimits limits = new ToolLimits();

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        return ToolRun.guarded(err, file.toString(), () -> {
            TxnLogReader.Summary summary = WardenLogs.read(file, limits.recordBytesMax(), (txn, offset) -> {
            });
            out.println("OK " + file + ": " + WardenLogs.summary(summary));
            out.flush();
            return ToolRun.OK;
        });
    }
}
