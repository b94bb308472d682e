package io.warden.cli.shell;

import io.warden.client.WardenException;
import java.util.List;

/**
 * Runs one line: records it in the history, finds the command, parses its flags, runs it, and
 * reports a failure as zkCli would (the error, or the usage for bad arguments). Returns whether
 * the command succeeded, for the exit status of scripts.
 */
final class CommandDispatcher {
    private final ShellSession session;
    private final CommandTable table;

    CommandDispatcher(ShellSession session) {
        this.session = session;
        this.table = new CommandTable(this::runRecorded);
    }

    CommandTable table() {
        return table;
    }

    /** Runs a line typed or read from a script; blank lines do nothing and succeed. */
    boolean run(String line) throws InterruptedException {
        List<String> words = ShellWords.split(line);
        if (!words.isEmpty()) {
            session.history().add(line.strip());
        }
        return runWords(words);
    }

    /** Runs a command given as words (on the {@code warden shell} command line). */
    boolean run(List<String> words) throws InterruptedException {
        if (!words.isEmpty()) {
            session.history().add(String.join(" ", words));
        }
        return runWords(words);
    }

    /** Runs a line without adding it to the history (it is there already: {@code redo}). */
    private boolean runRecorded(String line) throws InterruptedException {
        return runWords(ShellWords.split(line));
    }

    private boolean runWords(List<String> words) throws InterruptedException {
        if (words.isEmpty()) {
            return true;
        }
        ShellConsole console = session.console();
        CommandSpec spec = table.find(words.get(0));
        if (spec == null) {
            table.usageLines().forEach(console::err);
            console.err("Command not found: " + words.get(0));
            return false;
        }
        CommandArgs args;
        try {
            args = CommandArgs.parse(words.subList(1, words.size()), spec.plainFlags(), spec.valuedFlags());
        } catch (BadArgumentsException e) {
            console.err(e.getMessage());
            return false;
        }
        try {
            int count = args.positionals().size();
            if (count < spec.positionalsMin() || count > spec.positionalsMax()) {
                console.err(spec.usage());
                return false;
            }
            spec.action().run(session, args);
            return true;
        } catch (BadArgumentsException e) {
            console.err(e.getMessage());
            console.err(spec.usage());
        } catch (CommandFailedException e) {
            if (e.getMessage() != null) {
                if (e.onStandardOutput()) {
                    console.out(e.getMessage());
                } else {
                    console.err(e.getMessage());
                }
            }
        } catch (WardenException e) {
            console.err(ErrorText.of(e));
        } catch (IllegalArgumentException e) {
            // The client refuses a malformed path or argument before sending anything.
            console.err(e.getMessage());
        }
        return false;
    }
}
