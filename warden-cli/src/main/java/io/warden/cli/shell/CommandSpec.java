package io.warden.cli.shell;

import java.util.Set;

/**
 * One shell command: its name, the usage line printed when it is given bad arguments, the flags
 * it takes (plain, and those with a value), how many other arguments, and what it does.
 */
record CommandSpec(String name, String usage, Set<String> plainFlags, Set<String> valuedFlags,
        int positionalsMin, int positionalsMax, Action action) {

    CommandSpec {
        plainFlags = Set.copyOf(plainFlags);
        valuedFlags = Set.copyOf(valuedFlags);
        if (positionalsMin < 0 || positionalsMax < positionalsMin) {
            throw new IllegalArgumentException(name + ": bad argument counts " + positionalsMin + ".." + positionalsMax);
        }
    }

    /** What a command does with its parsed arguments. */
    @FunctionalInterface
    interface Action {
        void run(ShellSession session, CommandArgs args)
                throws BadArgumentsException, CommandFailedException, InterruptedException;
    }
}
