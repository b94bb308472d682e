package io.warden.daemon.config;

import java.util.List;
import java.util.Objects;

/**
 * The result of parsing: the configuration and what the caller should log as warnings (unknown
 * keys, values ZooKeeper would silently adjust, settings that have no effect).
 *
 * @param config the configuration
 * @param warnings human-readable warnings, each naming the file and line (or system property)
 */
public record ParsedConfig(ServerConfig config, List<String> warnings) {
    public ParsedConfig {
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
    }
}
