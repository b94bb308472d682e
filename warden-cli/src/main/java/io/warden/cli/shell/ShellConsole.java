package io.warden.cli.shell;

/**
 * Where the shell writes: results on {@link #out}, errors and notes (such as {@code Created /x})
 * on {@link #err}, as zkCli does; {@link #event} takes text that arrives from the client's event
 * thread while a command runs or the user types.
 */
interface ShellConsole {
    void out(String line);

    /** Text on standard output with no end of line after it (zkCli's {@code setAcl -R} errors). */
    void outPart(String text);

    void err(String line);

    void event(String text);
}
