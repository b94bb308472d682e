package io.warden.it.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.it.client.StateRecorder;
import io.warden.recipes.locks.ExclusiveLock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lock holders under connection losses and session expiry injected at random moments (seeded; the
 * seed is in every failure message): a write out of fencing order must only ever come from a holder
 * whose connection was in doubt, so a holder that the server still backs is never overlapped.
 */
class LockChaosTest extends AgainstBothServers {
    private static final int WORKERS = 3;
    private static final int FAULTS = 6;

    /** Writes in the order the resource received them; those a fencing resource would refuse are checked. */
    static final class Resource {
        private long highestToken = Long.MIN_VALUE;
        private int accepted;
        private int staleFromDisruptedHolders;
        private final List<String> violations = new ArrayList<>();

        synchronized void write(long token, boolean holderDisrupted, String worker) {
            if (token >= highestToken) {
                highestToken = token;
                accepted++;
            } else if (holderDisrupted) {
                staleFromDisruptedHolders++;
            } else {
                violations.add(worker + " wrote with token " + token + " after " + highestToken);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void holdersTheServerBacksAreNeverOverlapped(ServerKind kind) throws Exception {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        try (ClientServers.Session session = servers.session(kind, "chaos")) {
            Resource resource = new Resource();
            AtomicBoolean stop = new AtomicBoolean();
            List<CuttableProxy> proxies = new ArrayList<>();
            List<WardenClient> clients = new ArrayList<>();
            List<AtomicInteger> holds = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> running = new ArrayList<>();
            try {
                for (int i = 0; i < WORKERS; i++) {
                    CuttableProxy proxy = session.proxy();
                    WardenClient client = session.clientThrough(proxy, builder -> builder);
                    proxies.add(proxy);
                    clients.add(client);
                    AtomicInteger count = new AtomicInteger();
                    holds.add(count);
                    running.add(pool.submit(worker("w" + i, client, session.path("lock"), resource, stop, count)));
                }
                for (int fault = 0; fault < FAULTS; fault++) {
                    int victim = random.nextInt(WORKERS);
                    int before = holds.stream().mapToInt(AtomicInteger::get).sum();
                    await("progress before fault " + fault + " (seed " + seed + ")").atMost(TestClient.WAIT)
                            .until(() -> holds.stream().mapToInt(AtomicInteger::get).sum() > before + 2);
                    if (random.nextBoolean()) {
                        RecipeFixtures.expireSession(session, proxies.get(victim), clients.get(victim));
                    } else {
                        StateRecorder states = StateRecorder.of(clients.get(victim));
                        int reconnects = states.count(ConnectionState.RECONNECTED);
                        proxies.get(victim).cut();
                        states.await(ConnectionState.SUSPENDED);
                        proxies.get(victim).restore();
                        states.awaitAnother(ConnectionState.RECONNECTED, reconnects);
                    }
                }
                for (AtomicInteger count : holds) {
                    int before = count.get();
                    await("every worker still makes progress (seed " + seed + ")").atMost(TestClient.WAIT)
                            .until(() -> count.get() > before);
                }
            } finally {
                stop.set(true);
                for (Future<?> each : running) {
                    each.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                pool.shutdownNow();
            }
            synchronized (resource) {
                assertThat(resource.violations).as("overlapped holders (seed %d)", seed).isEmpty();
                assertThat(resource.accepted).as("accepted writes (seed %d)", seed).isGreaterThan(FAULTS);
            }
        }
    }

    /**
     * Takes the lock again and again, writing a few times per hold with a round trip to the server
     * between writes (so that faults land inside holds), noting whether its connection was in doubt.
     */
    private static Runnable worker(String name, WardenClient client, String lockPath, Resource resource,
            AtomicBoolean stop, AtomicInteger holds) {
        AtomicBoolean disrupted = new AtomicBoolean();
        client.addConnectionStateListener((state, sessionId) -> {
            if (!state.isConnected()) {
                disrupted.set(true);
            }
        });
        ExclusiveLock lock = new ExclusiveLock(client, lockPath);
        return () -> {
            while (!stop.get()) {
                try {
                    if (!lock.acquire(TestClient.WAIT)) {
                        continue;
                    }
                    disrupted.set(false);
                    try {
                        long token = lock.fencingToken();
                        for (int i = 0; i < 3; i++) {
                            resource.write(token, disrupted.get(), name);
                            client.blocking().exists("/");
                        }
                        holds.incrementAndGet();
                    } finally {
                        lock.release();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // A release or acquire that failed with the connection; the next round tries again.
                }
            }
        };
    }
}
