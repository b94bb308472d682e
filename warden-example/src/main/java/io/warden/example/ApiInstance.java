package io.warden.example;

import io.warden.client.WardenClient;
import io.warden.recipes.config.ConfigTree;
import io.warden.recipes.counter.SharedCounter;
import io.warden.recipes.discovery.ServiceDiscovery;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.leader.LeaderSelector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One instance of the example's "api" service, as a separate process would run it: its own client
 * and session; it registers itself for discovery, follows the shared configuration, and takes its
 * turn running the report job when it is elected leader.
 */
final class ApiInstance implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final PrintStream out;
    private final WardenClient client;
    private final ConfigTree config;
    private final ServiceDiscovery discovery;
    private final SharedCounter jobRuns;
    private final LeaderSelector selector;
    private final ServiceInstance instance;
    private final List<String> leaders;

    ApiInstance(int number, String connectString, PrintStream out, List<String> leaders) {
        this.name = "api-" + number;
        this.out = out;
        this.leaders = leaders;
        this.client = WardenClient.builder(connectString).sessionTimeoutMs(10_000).build();
        this.config = new ConfigTree(client, RegistryExample.CONFIG);
        this.discovery = new ServiceDiscovery(client, RegistryExample.SERVICES);
        this.jobRuns = new SharedCounter(client, RegistryExample.JOB_RUNS);
        this.selector = new LeaderSelector(client, RegistryExample.JOB_LEADER, name, this::runReportJob)
                .autoRequeue();
        this.instance = ServiceInstance.builder("api").id(name).address("127.0.0.1").port(8080 + number)
                .metadata(Map.of("zone", number % 2 == 0 ? "eu-west" : "us-east")).build();
    }

    String name() {
        return name;
    }

    boolean isLeader() {
        return selector.hasLeadership();
    }

    /** Reads the configuration, registers for discovery and joins the job's election. */
    void start() throws InterruptedException {
        config.addListener("greeting", (key, oldValue, newValue) -> {
            if (oldValue == null) {
                out.printf("[%s] configuration: greeting is \"%s\"%n", name, newValue);
            } else {
                out.printf("[%s] configuration: greeting changed from \"%s\" to \"%s\"%n", name, oldValue, newValue);
            }
        });
        config.start();
        if (!config.awaitInitialized(STARTUP_TIMEOUT)) {
            throw new IllegalStateException(name + " could not read the configuration");
        }
        discovery.register(instance);
        out.printf("[%s] registered as %s (zone %s)%n", name, instance.uri() == null ? instance.address() + ":"
                + instance.port() : instance.uri(), instance.metadata().get("zone"));
        selector.start();
    }

    /**
     * The leader's work: every {@code job/intervalMs} it counts a run and reports how many api
     * instances are registered. It stops when interrupted, which the selector does when this
     * instance may have lost its leadership.
     */
    private void runReportJob(long fencingToken) throws Exception {
        leaders.add(name);
        out.printf("[%s] elected leader of the report job (fencing token %d)%n", name, fencingToken);
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(config.getLong("job/intervalMs", 500));
            long run = jobRuns.increment();
            int registered = discovery.queryForInstances("api").size();
            out.printf("[%s] report job run #%d: %d api instances registered; greeting \"%s\"%n", name, run,
                    registered, config.getString("greeting", "?"));
        }
    }

    /** Stops this instance as a crash would look to the others: its session ends with its client. */
    @Override
    public void close() {
        selector.close();
        discovery.close();
        config.close();
        jobRuns.close();
        client.close();
        out.printf("[%s] stopped%n", name);
    }
}
