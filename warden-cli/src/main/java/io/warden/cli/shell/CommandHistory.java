package io.warden.cli.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The commands of this session, numbered from 0 as zkCli numbers them (the prompt shows the next
 * number; {@code history} lists the last ones, {@code redo n} runs number n again). Only the last
 * {@link #ENTRIES_MAX} are kept; numbers keep counting.
 */
final class CommandHistory {
    static final int ENTRIES_MAX = 10_000;
    /** How many commands before the current one {@code history} lists. */
    static final int LISTED_BEFORE_CURRENT = 10;

    private final Deque<String> entries = new ArrayDeque<>();
    private long firstNumber;

    synchronized long nextNumber() {
        return firstNumber + entries.size();
    }

    synchronized void add(String line) {
        entries.addLast(line);
        if (entries.size() > ENTRIES_MAX) {
            entries.removeFirst();
            firstNumber++;
        }
    }

    /**
     * Puts {@code line} in place of the most recent command (zkCli records the command a
     * {@code redo} ran, not the {@code redo} itself).
     */
    synchronized void replaceLast(String line) {
        if (!entries.isEmpty()) {
            entries.removeLast();
            entries.addLast(line);
        }
    }

    /** The command with this number, or {@code null} when it is not (or no longer) known. */
    synchronized String get(long number) {
        long index = number - firstNumber;
        if (index < 0 || index >= entries.size()) {
            return null;
        }
        return new ArrayList<>(entries).get((int) index);
    }

    /** {@code number - command} lines of the most recent commands, as {@code history} prints them. */
    synchronized List<String> recent() {
        List<String> all = new ArrayList<>(entries);
        List<String> lines = new ArrayList<>();
        int from = Math.max(0, all.size() - 1 - LISTED_BEFORE_CURRENT);
        for (int i = from; i < all.size(); i++) {
            lines.add((firstNumber + i) + " - " + all.get(i));
        }
        return lines;
    }
}
