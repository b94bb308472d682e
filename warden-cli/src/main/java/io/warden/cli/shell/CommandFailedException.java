package io.warden.cli.shell;

/** A command could not do what it was asked; the shell prints the message as the error. */
final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean onStandardOutput;

    CommandFailedException(String message) {
        this(message, false);
    }

    private CommandFailedException(String message, boolean onStandardOutput) {
        super(message);
        this.onStandardOutput = onStandardOutput;
    }

    /** No session: after {@code close}, or before {@code connect}. zkCli says so on standard output. */
    static CommandFailedException notConnected() {
        return new CommandFailedException("Not connected", true);
    }

    /** A failure whose message was printed already (a command run by {@code redo}). */
    static CommandFailedException alreadyReported() {
        return new CommandFailedException(null, false);
    }

    boolean onStandardOutput() {
        return onStandardOutput;
    }
}
