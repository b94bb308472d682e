package io.warden.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command after its flags were taken out. Flags may come anywhere on the line,
 * as in zkCli ({@code set /a data -v 3}); a flag in {@code valuedFlags} takes the next word as its
 * value. A word that starts with {@code -} and is not a known flag is refused.
 */
record CommandArgs(Map<String, String> flags, List<String> positionals) {

    CommandArgs {
        flags = Map.copyOf(flags);
        positionals = List.copyOf(positionals);
    }

    static CommandArgs parse(List<String> words, Set<String> plainFlags, Set<String> valuedFlags)
            throws BadArgumentsException {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.length() < 2 || word.charAt(0) != '-') {
                positionals.add(word);
            } else if (plainFlags.contains(word)) {
                flags.put(word, "");
            } else if (valuedFlags.contains(word)) {
                if (i + 1 >= words.size()) {
                    throw new BadArgumentsException("Missing argument for option: " + word.substring(1));
                }
                flags.put(word, words.get(++i));
            } else {
                throw new BadArgumentsException("Unrecognized option: " + word);
            }
        }
        return new CommandArgs(flags, positionals);
    }

    boolean has(String flag) {
        return flags.containsKey(flag);
    }

    /** The value of a valued flag, or {@code null} when it was not given. */
    String value(String flag) {
        return flags.get(flag);
    }

    /** The integer value of a valued flag, or {@code absent} when it was not given. */
    int intValue(String flag, int absent) throws BadArgumentsException {
        String value = flags.get(flag);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadArgumentsException(flag + " expects an integer, not '" + value + "'");
        }
    }

    long longValue(String flag, long absent) throws BadArgumentsException {
        String value = flags.get(flag);
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadArgumentsException(flag + " expects an integer, not '" + value + "'");
        }
    }

    /** The positional argument at {@code index}, or {@code null} when there are fewer. */
    String positional(int index) {
        return index < positionals.size() ? positionals.get(index) : null;
    }
}
