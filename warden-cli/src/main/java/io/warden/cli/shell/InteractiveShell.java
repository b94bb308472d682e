package io.warden.cli.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The shell on a terminal: JLine line editing, history kept in {@code ~/.warden_history}, tab
 * completion of command names and znode paths, zkCli's prompt. Ctrl-C drops the line being typed;
 * Ctrl-D or {@code quit} ends the shell.
 */
final class InteractiveShell {
    static final String HISTORY_FILE_NAME = ".warden_history";
    /** Lines kept in the history file. */
    static final int HISTORY_FILE_LINES_MAX = 1_000;
    /** The size assumed for a terminal that reports none (a pseudo-terminal nobody sized), on which JLine cannot draw the prompt. */
    static final int UNSIZED_TERMINAL_COLUMNS = 80;
    static final int UNSIZED_TERMINAL_ROWS = 24;

    private InteractiveShell() {
    }

    static int run(ShellOptions options) throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            if (terminal.getWidth() <= 0 || terminal.getHeight() <= 0) {
                terminal.setSize(new Size(UNSIZED_TERMINAL_COLUMNS, UNSIZED_TERMINAL_ROWS));
            }
            TerminalConsole console = new TerminalConsole(terminal);
            try (ShellSession session = new ShellSession(console, options.servers(), options.timeoutMs())) {
                CommandDispatcher dispatcher = new CommandDispatcher(session);
                LineReader reader = LineReaderBuilder.builder()
                        .terminal(terminal)
                        .appName("warden")
                        .completer(new ZnodePathCompleter(dispatcher.table().names(), session::clientOrNull))
                        .variable(LineReader.HISTORY_FILE, historyFile())
                        .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_FILE_LINES_MAX)
                        .variable(LineReader.HISTORY_SIZE, HISTORY_FILE_LINES_MAX)
                        .build();
                console.attach(reader);
                console.out("Connecting to " + options.servers());
                session.connect(options.servers());
                console.out("Welcome to Warden!");
                session.awaitConnected(options.timeoutMs());
                loop(reader, session, dispatcher);
                session.printWatches(false);
                reader.getHistory().save();
            }
        }
        return 0;
    }

    private static void loop(LineReader reader, ShellSession session, CommandDispatcher dispatcher)
            throws InterruptedException {
        while (!session.quitRequested()) {
            String line;
            try {
                line = reader.readLine(session.prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return;
            }
            dispatcher.run(line);
        }
    }

    static Path historyFile() {
        return Path.of(System.getProperty("user.home"), HISTORY_FILE_NAME);
    }
}
