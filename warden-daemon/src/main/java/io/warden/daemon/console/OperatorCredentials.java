package io.warden.daemon.console;

import java.nio.charset.StandardCharsets;

/**
 * An operator's credentials from the {@code Authorization} header, in the form ZooKeeper 3.9's
 * AdminServer takes for its authenticated commands: {@code digest user:password}. As with
 * ZooKeeper's digest scheme, the password is not checked against anything: the credentials
 * become the identity {@code digest:user:base64(sha1(user:password))}, and znode ACLs decide what
 * that identity may do.
 */
record OperatorCredentials(String userColonPassword) {
    /** The only scheme the console takes. */
    static final String SCHEME = "digest";
    /** Longest credentials taken (the header itself is bounded by the AdminServer). */
    static final int CREDENTIAL_BYTES_MAX = 1024;

    /** What an {@code Authorization} header says. */
    sealed interface Parsed {
    }

    /** No header: an anonymous reader. */
    record Absent() implements Parsed {
    }

    record Given(OperatorCredentials credentials) implements Parsed {
    }

    /** A header that is not {@code digest user:password}; the reason is safe to show. */
    record Malformed(String reason) implements Parsed {
    }

    static Parsed parse(String header) {
        if (header == null) {
            return new Absent();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        if (space <= 0 || !trimmed.substring(0, space).equalsIgnoreCase(SCHEME)) {
            return new Malformed("the Authorization header must be 'digest user:password'");
        }
        String credentials = trimmed.substring(space + 1).trim();
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            return new Malformed("digest credentials must be user:password");
        }
        if (credentials.getBytes(StandardCharsets.UTF_8).length > CREDENTIAL_BYTES_MAX) {
            return new Malformed("digest credentials longer than " + CREDENTIAL_BYTES_MAX + " bytes");
        }
        return new Given(new OperatorCredentials(credentials));
    }

    String user() {
        return userColonPassword.substring(0, userColonPassword.indexOf(':'));
    }

    @Override
    public String toString() {
        return "OperatorCredentials[" + user() + ":***]";
    }
}
