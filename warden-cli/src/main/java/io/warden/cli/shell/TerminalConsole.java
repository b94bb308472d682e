package io.warden.cli.shell;

import java.io.PrintWriter;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;

/**
 * The console of the interactive shell: everything goes to the terminal; text from the event
 * thread is printed above the line being edited, so a watch event does not break what is typed.
 */
final class TerminalConsole implements ShellConsole {
    private final Terminal terminal;
    private volatile LineReader reader;

    TerminalConsole(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Events go above the prompt of this reader from now on. */
    void attach(LineReader lineReader) {
        this.reader = lineReader;
    }

    @Override
    public synchronized void out(String line) {
        PrintWriter writer = terminal.writer();
        writer.println(line);
        writer.flush();
    }

    @Override
    public synchronized void outPart(String text) {
        // On a terminal the prompt or the next output would follow on the same line: end it.
        out(text);
    }

    @Override
    public void err(String line) {
        out(line);
    }

    @Override
    public void event(String text) {
        LineReader current = reader;
        if (current == null) {
            out(text);
        } else {
            current.printAbove(text);
        }
    }
}
