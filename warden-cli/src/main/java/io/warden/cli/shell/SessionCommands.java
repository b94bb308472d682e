package io.warden.cli.shell;

import io.warden.cli.Main;
import java.util.List;

/** The commands on the shell itself: history, redo, close, connect, quit, version. */
final class SessionCommands {
    private SessionCommands() {
    }

    static void history(ShellSession session, CommandArgs args) {
        session.history().recent().forEach(session.console()::out);
    }

    static void redo(ShellSession session, CommandArgs args, CommandTable.LineRunner runner)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        long number;
        try {
            number = Long.parseLong(args.positional(0));
        } catch (NumberFormatException e) {
            throw new BadArgumentsException("redo expects a command number, not '" + args.positional(0) + "'");
        }
        String line = number < session.history().nextNumber() - 1 ? session.history().get(number) : null;
        if (line == null) {
            throw new CommandFailedException("Command index out of range");
        }
        List<String> words = ShellWords.split(line);
        if (!words.isEmpty() && words.get(0).equals("redo")) {
            // A redo recorded in the history is one that failed; running it again could lead to
            // another (redo 1, redo 0, redo 1) without end. zkCli refuses them the same way.
            throw new CommandFailedException("No redoing redos");
        }
        session.history().replaceLast(line);
        if (!runner.run(line)) {
            throw CommandFailedException.alreadyReported();
        }
    }

    static void close(ShellSession session, CommandArgs args) {
        session.closeClient();
    }

    static void connect(ShellSession session, CommandArgs args) {
        session.connect(args.positional(0) == null ? session.connectString() : args.positional(0));
    }

    static void quit(ShellSession session, CommandArgs args) {
        session.requestQuit();
    }

    static void version(ShellSession session, CommandArgs args) {
        session.console().out("Warden shell version: " + version());
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
