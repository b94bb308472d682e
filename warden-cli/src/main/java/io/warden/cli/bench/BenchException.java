package io.warden.cli.bench;

/** A run that cannot go on: a server that cannot be reached, refuses the session, or breaks the protocol. */
final class BenchException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
