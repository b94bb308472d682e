package io.warden.example;

import io.warden.client.WardenClient;
import io.warden.recipes.config.ConfigTree;
import io.warden.recipes.counter.SharedCounter;
import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceDiscovery;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.ServiceProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The example application: three instances of an "api" service (each with its own session, as
 * three processes would have) register for discovery, share a configuration tree and elect one of
 * themselves to run a report job. A router spreads users over them with consistent hashing. Then
 * the configuration changes atomically and the leader stops: leadership moves, the job carries on,
 * and only the users of the stopped instance move to another one.
 *
 * <p>Run it with {@code ./warden example} against a server on 127.0.0.1:2181 (or {@code --connect},
 * or {@code --embedded} for a server of its own). Everything lives under {@code /warden-example},
 * which the example clears when it starts.
 */
public final class RegistryExample {
    static final String ROOT = "/warden-example";
    static final String CONFIG = ROOT + "/config";
    static final String SERVICES = ROOT + "/services";
    static final String JOB_LEADER = ROOT + "/report-job/leader";
    static final String JOB_RUNS = ROOT + "/report-job/runs";
    private static final int INSTANCES = 3;
    private static final int USERS = 100;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What a run showed, for the test that runs the example. */
    public record Summary(List<String> leaders, long jobRuns, int usersMoved, boolean onlyStoppedInstanceUsersMoved,
            String finalGreeting) {
    }

    private RegistryExample() {
    }

    /** Runs the example against the server(s) of {@code connectString}, narrating on {@code out}. */
    public static Summary run(String connectString, PrintStream out) throws Exception {
        List<String> leaders = new CopyOnWriteArrayList<>();
        List<ApiInstance> instances = new ArrayList<>();
        try (WardenClient admin = WardenClient.builder(connectString).connectionTimeoutMs(5_000).build()) {
            if (!admin.blocking().awaitConnected(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no server answers at " + connectString
                        + "; start one with ./warden server, or run the example with --embedded");
            }
            admin.blocking().deleteAll(ROOT);
            ConfigTree config = new ConfigTree(admin, CONFIG).start();
            config.awaitInitialized(STEP_TIMEOUT);
            config.edit().set("greeting", "hello").set("job/intervalMs", "300").commit();

            out.println("== 1. Three api instances register, read the configuration and elect a job leader");
            for (int i = 1; i <= INSTANCES; i++) {
                ApiInstance instance = new ApiInstance(i, connectString, out, leaders);
                instances.add(instance);
                instance.start();
            }
            SharedCounter jobRuns = new SharedCounter(admin, JOB_RUNS);
            awaitCondition("three report job runs", () -> count(jobRuns) >= 3);

            out.println("== 2. A router spreads " + USERS + " users over the instances by consistent hashing");
            ServiceDiscovery discovery = new ServiceDiscovery(admin, SERVICES);
            ServiceProvider router = discovery.serviceProvider("api").strategy(ProviderStrategy.consistentHashing())
                    .build().start();
            router.awaitInitialized(STEP_TIMEOUT);
            awaitCondition("all instances visible to the router", () -> router.allInstances().size() == INSTANCES);
            Map<String, String> before = route(router);
            out.println("   users per instance: " + perInstance(before));

            out.println("== 3. Two configuration keys change in one atomic multi");
            config.edit().set("greeting", "hello, world").set("job/intervalMs", "200").commit();
            long runsBefore = count(jobRuns);
            awaitCondition("a job run with the new configuration", () -> count(jobRuns) >= runsBefore + 2);

            out.println("== 4. The leader stops: leadership and its users move, the job carries on");
            ApiInstance leader = instances.stream().filter(ApiInstance::isLeader).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no leader"));
            instances.remove(leader);
            leader.close();
            awaitCondition("the router to drop the stopped instance", () -> router.allInstances().size() == INSTANCES - 1);
            long runsAfterStop = count(jobRuns);
            awaitCondition("the job to run under a new leader", () -> count(jobRuns) >= runsAfterStop + 2);
            Map<String, String> after = route(router);
            int moved = 0;
            boolean onlyFromStopped = true;
            for (Map.Entry<String, String> user : before.entrySet()) {
                if (!user.getValue().equals(after.get(user.getKey()))) {
                    moved++;
                    onlyFromStopped &= user.getValue().equals(leader.name());
                }
            }
            out.printf("   %d of %d users moved, %s; users per instance now: %s%n", moved, USERS,
                    onlyFromStopped ? "all of them from " + leader.name() : "some from instances that stayed",
                    perInstance(after));
            String greeting = config.getString("greeting", null);
            long runs = count(jobRuns);
            out.printf("== Done: %d job runs, leaders in turn: %s%n", runs, leaders);
            router.close();
            discovery.close();
            config.close();
            jobRuns.close();
            return new Summary(List.copyOf(leaders), runs, moved, onlyFromStopped, greeting);
        } finally {
            for (ApiInstance instance : instances) {
                instance.close();
            }
        }
    }

    private static Map<String, String> route(ServiceProvider router) {
        Map<String, String> routes = new TreeMap<>();
        for (int user = 0; user < USERS; user++) {
            ServiceInstance instance = router.getInstance("user-" + user);
            routes.put("user-" + user, instance == null ? "none" : instance.id());
        }
        return routes;
    }

    private static Map<String, Integer> perInstance(Map<String, String> routes) {
        Map<String, Integer> counts = new TreeMap<>();
        routes.values().forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private static long count(SharedCounter counter) {
        try {
            return counter.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + STEP_TIMEOUT);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
