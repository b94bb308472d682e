package io.warden.daemon.config;

/**
 * A configuration that cannot be used. The message names where the problem is, as
 * {@code file:line: key: what is wrong} (for example {@code zoo.cfg:5: tickTime: expected a
 * positive integer, got 'abc'}), {@code file: what is missing} for a required key that is absent,
 * or {@code system property NAME: what is wrong} for a bad system property.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
