package io.warden.daemon.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Typed readings of a {@link RawValue}, each failing with a message that names file, line and key. */
final class Values {
    static final String PORT = "a port number (1-65535)";

    private Values() {}

    static int intAtLeast(RawValue v, int min, String what) throws ConfigException {
        int n = parseInt(v, what);
        if (n < min) {
            throw v.expected(what);
        }
        return n;
    }

    static int intBetween(RawValue v, int min, int max, String what) throws ConfigException {
        int n = parseInt(v, what);
        if (n < min || n > max) {
            throw v.expected(what);
        }
        return n;
    }

    static int anyInt(RawValue v) throws ConfigException {
        return parseInt(v, "an integer");
    }

    static long anyLong(RawValue v) throws ConfigException {
        return longAtLeast(v, Long.MIN_VALUE, "an integer");
    }

    static long longAtLeast(RawValue v, long min, String what) throws ConfigException {
        try {
            long n = Long.parseLong(v.text());
            if (n < min) {
                throw v.expected(what);
            }
            return n;
        } catch (NumberFormatException e) {
            throw v.expected(what);
        }
    }

    static int port(RawValue v) throws ConfigException {
        return intBetween(v, 1, 65535, PORT);
    }

    /**
     * A boolean as ZooKeeper's parser reads its own keys ({@code standaloneEnabled}, {@code
     * reconfigEnabled}): {@code true} or {@code false} in any case, anything else is an error.
     */
    static boolean strictBoolean(RawValue v) throws ConfigException {
        if (v.text().equalsIgnoreCase("true")) {
            return true;
        }
        if (v.text().equalsIgnoreCase("false")) {
            return false;
        }
        throw v.expected("true or false");
    }

    /** A host name or address: not empty, no blanks. */
    static String host(RawValue v) throws ConfigException {
        if (v.text().isEmpty() || v.text().chars().anyMatch(Character::isWhitespace)) {
            throw v.expected("a host name or address");
        }
        return v.text();
    }

    /** A path, made absolute against the working directory as {@code new File(value)} is. */
    static Path path(RawValue v, Path workingDir) throws ConfigException {
        if (v.text().isEmpty()) {
            throw v.expected("a directory path");
        }
        try {
            return workingDir.resolve(Path.of(v.text()));
        } catch (InvalidPathException e) {
            throw v.expected("a directory path");
        }
    }

    private static int parseInt(RawValue v, String what) throws ConfigException {
        try {
            return Integer.parseInt(v.text());
        } catch (NumberFormatException e) {
            throw v.expected(what);
        }
    }
}
