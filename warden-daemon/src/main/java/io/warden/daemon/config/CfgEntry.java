package io.warden.daemon.config;

/**
 * One {@code key=value} of a configuration file, both trimmed as ZooKeeper trims them.
 *
 * @param key the key, escapes resolved
 * @param value the value, escapes resolved; empty when the line has no value
 * @param line the 1-based line the entry starts on
 */
record CfgEntry(String key, String value, int line) {}
