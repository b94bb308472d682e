package io.warden.cli.shell;

/** A command was given arguments it cannot take; the shell prints the message, then the usage. */
final class BadArgumentsException extends Exception {
    private static final long serialVersionUID = 1L;

    BadArgumentsException(String message) {
        super(message);
    }
}
