package io.warden.cli.shell;

import java.io.PrintStream;

/** A console on two streams (script mode, a command given on the command line, tests). */
final class StreamConsole implements ShellConsole {
    private final PrintStream out;
    private final PrintStream err;

    StreamConsole(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void out(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void outPart(String text) {
        out.print(text);
        out.flush();
    }

    @Override
    public synchronized void err(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void event(String text) {
        out(text);
    }
}
