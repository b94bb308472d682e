package io.warden.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The shell without a terminal: one command from the command line, or a script read line by line
 * (stdin that is not a terminal). The exit status is 1 when any command failed, else 0; output and
 * errors go to the two streams as zkCli writes them, without a prompt.
 */
final class StreamShell {
    private StreamShell() {
    }

    /** Runs {@code words} as one command. */
    static int runCommand(ShellOptions options, List<String> words, PrintStream out, PrintStream err)
            throws InterruptedException {
        try (ShellSession session = start(options, out, err)) {
            boolean ok = new CommandDispatcher(session).run(words);
            session.awaitEventsHandled(options.timeoutMs());
            session.printWatches(false);
            return ok ? 0 : 1;
        }
    }

    /** Runs every line of {@code script} until its end or {@code quit}. */
    static int runScript(ShellOptions options, BufferedReader script, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        try (ShellSession session = start(options, out, err)) {
            CommandDispatcher dispatcher = new CommandDispatcher(session);
            boolean allOk = true;
            String line;
            while (!session.quitRequested() && (line = script.readLine()) != null) {
                allOk &= dispatcher.run(line);
            }
            session.awaitEventsHandled(options.timeoutMs());
            session.printWatches(false);
            return allOk ? 0 : 1;
        }
    }

    private static ShellSession start(ShellOptions options, PrintStream out, PrintStream err)
            throws InterruptedException {
        ShellSession session = new ShellSession(new StreamConsole(out, err), options.servers(), options.timeoutMs());
        out.println("Connecting to " + options.servers());
        session.connect(options.servers());
        session.awaitConnected(options.timeoutMs());
        return session;
    }
}
