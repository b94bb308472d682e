package io.warden.cli.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.warden.storage.CorruptDataException;
import picocli.CommandLine.Mixin;

/**
 * What the snapshot and log tools share: the size limits, running against the console, and the
 * exit status of a guarded run over one file. A tool names its file and does its work.
 */
abstract class FileTool implements Callable<Integer> {
    @Mixin
    ToolLimits limits = new ToolLimits();

    /** The file given on the command line. */
    abstract Path file();

    /** Reads the file and prints what the tool prints; returns the exit status. */
    abstract int work(PrintStream out) throws IOException, CorruptDataException;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        return ToolRun.guarded(err, file().toString(), () -> {
            try {
                return work(out);
            } finally {
                out.flush(); // what was printed comes before any error message
            }
        });
    }
}
