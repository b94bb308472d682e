package io.warden.server;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Facts about the running process that the admin commands print, gathered at the edge and passed
 * in: the core reads no system properties and no files.
 *
 * @param version       the version string, as {@code Zookeeper version:} lines print it
 * @param environment   {@code key=value} lines for the envi command
 * @param configuration {@code key=value} lines for the conf command
 * @param processStats  extra {@code mntr} values measured from the process when asked (such as
 *                      open file descriptors), in the order to print them
 */
public record ServerEnvironment(String version, List<String> environment, List<String> configuration,
        Supplier<Map<String, Long>> processStats) {
    public ServerEnvironment {
        environment = List.copyOf(environment);
        configuration = List.copyOf(configuration);
    }

    public ServerEnvironment(String version, List<String> environment, List<String> configuration) {
        this(version, environment, configuration, Map::of);
    }
}
