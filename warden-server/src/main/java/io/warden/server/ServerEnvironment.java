package io.warden.server;

import java.util.List;

/**
 * Facts about the running process that the admin commands print, gathered at the edge and passed
 * in: the core reads no system properties and no files.
 *
 * @param version      the version string, as {@code Zookeeper version:} lines print it
 * @param environment  {@code key=value} lines for the envi command
 * @param configuration {@code key=value} lines for the conf command
 */
public record ServerEnvironment(String version, List<String> environment, List<String> configuration) {
    public ServerEnvironment {
        environment = List.copyOf(environment);
        configuration = List.copyOf(configuration);
    }
}
