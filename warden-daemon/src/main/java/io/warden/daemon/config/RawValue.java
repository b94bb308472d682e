package io.warden.daemon.config;

/**
 * A setting's text together with where it came from, so that errors and warnings can name the
 * place: {@code zoo.cfg:5: tickTime} (errors), {@code zoo.cfg line 5} (warnings), or {@code
 * system property zookeeper.snapCount} (both).
 */
record RawValue(String key, String text, String errorPrefix, String warningPrefix) {

    static RawValue fromFile(String source, CfgEntry entry) {
        return new RawValue(
                entry.key(),
                entry.value(),
                source + ":" + entry.line() + ": " + entry.key(),
                source + " line " + entry.line());
    }

    static RawValue fromProperty(String key, String propertyName, String value) {
        String where = "system property " + propertyName;
        return new RawValue(key, value.trim(), where, where);
    }

    ConfigException error(String message) {
        return new ConfigException(errorPrefix + ": " + message);
    }

    /** {@code expected <what>, got '<text>'}, with a hint when the text looks like a trailing comment. */
    ConfigException expected(String what) {
        String hint = text.contains("#") ? " (zoo.cfg has no end-of-line comments)" : "";
        return error("expected " + what + ", got '" + text + "'" + hint);
    }

    String warning(String message) {
        return warningPrefix + ": " + message;
    }
}
