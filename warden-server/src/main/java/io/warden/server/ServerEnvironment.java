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
 * @param mode          the server's role as ZooKeeper names it ({@code standalone}, {@code leader},
 *                      {@code follower}, {@code observer}), asked each time it is printed; {@code
 *                      null} while the server serves nobody (an ensemble member looking for a leader)
 * @param roleStats     extra {@code mntr} values of the server's role (a leader's learners), asked
 *                      each time, in the order to print them
 * @param metrics       what other threads measure for {@code mntr} and where the driver publishes
 *                      the {@code mntr} values for the Prometheus scrape
 */
public record ServerEnvironment(String version, List<String> environment, List<String> configuration,
        Supplier<? extends Map<String, ?>> processStats, Supplier<String> mode,
        Supplier<? extends Map<String, ?>> roleStats, OperationalMetrics metrics) {
    /** The mode of a server that runs alone. */
    public static final String STANDALONE = "standalone";

    public ServerEnvironment {
        environment = List.copyOf(environment);
        configuration = List.copyOf(configuration);
    }

    public ServerEnvironment(String version, List<String> environment, List<String> configuration,
            Supplier<? extends Map<String, ?>> processStats, OperationalMetrics metrics) {
        this(version, environment, configuration, processStats, () -> STANDALONE, Map::of, metrics);
    }

    public ServerEnvironment(String version, List<String> environment, List<String> configuration,
            Supplier<? extends Map<String, ?>> processStats) {
        this(version, environment, configuration, processStats, new OperationalMetrics());
    }

    public ServerEnvironment(String version, List<String> environment, List<String> configuration) {
        this(version, environment, configuration, Map::of);
    }

    /** This environment with the role and its {@code mntr} values read from the suppliers. */
    public ServerEnvironment withRole(Supplier<String> mode, Supplier<? extends Map<String, ?>> roleStats) {
        return new ServerEnvironment(version, environment, configuration, processStats, mode, roleStats, metrics);
    }
}
