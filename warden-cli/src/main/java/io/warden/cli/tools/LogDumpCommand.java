package io.warden.cli.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.warden.storage.TxnLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warden log dump FILE}. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print every record of a Warden log segment: zxid, time, session, cxid, the operation and the"
                + " record's offset in the file.",
        footer = {"", "Exit status: 0 when the whole file was read, 1 when it is damaged (the records before the"
                + " damage are printed, then the file and offset), 2 when it does not exist."})
final class LogDumpCommand implements Callable<Integer> {
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
            out.println("Warden log " + file);
            TxnLogReader.Summary summary;
            try {
                summary = WardenLogs.read(file, limits.recordBytesMax(),
                        (txn, offset) -> out.println(TxnText.line(txn, offset)));
            } finally {
                out.flush();
            }
            out.println(WardenLogs.summary(summary));
            out.flush();
            return ToolRun.OK;
        });
    }
}
