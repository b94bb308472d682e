package io.warden.cli.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;

import io.warden.storage.CorruptDataException;

/**
 * Runs a tool's work and turns every expected failure into one line on stderr and an exit status:
 * 1 for damaged data (the message names the file and offset) or a failed read, 2 for a file that
 * is not there. Never a stack trace.
 */
final class ToolRun {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ToolRun() {
    }

    /** The work; returns the exit status. */
    @FunctionalInterface
    interface Work {
        int run() throws IOException, CorruptDataException;
    }

    static int guarded(PrintStream err, String what, Work work) {
        try {
            return work.run();
        } catch (CorruptDataException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (NoSuchFileException e) {
            err.println("warden: " + e.getFile() + ": " + (e.getReason() == null ? "no such file" : e.getReason()));
            return USAGE;
        } catch (IOException e) {
            err.println("warden: cannot read " + what + ": " + e);
            return FAILED;
        } catch (RuntimeException e) {
            err.println("warden: " + what + ": unexpected failure: " + e);
            return FAILED;
        }
    }
}
