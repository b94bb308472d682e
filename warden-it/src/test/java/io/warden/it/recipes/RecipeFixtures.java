package io.warden.it.recipes;

import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.it.CuttableProxy;
import io.warden.it.TestClient;
import io.warden.it.client.ClientServers;
import io.warden.it.client.StateRecorder;
import io.warden.wire.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the recipe tests share: faults to inject, occupancy counting, and running tasks on threads. */
final class RecipeFixtures {
    private RecipeFixtures() {
    }

    /**
     * Ends the session of {@code client}, whose connections go through {@code proxy}: the proxy is
     * cut, another client takes the session over and closes it (the server deletes its ephemeral
     * nodes at once), and the proxy lets connections through again. The client learns of the expiry
     * when it reconnects.
     */
    static void expireSession(ClientServers.Session session, CuttableProxy proxy, WardenClient client) {
        StateRecorder states = StateRecorder.of(client);
        long sessionId = client.sessionId();
        byte[] password = client.sessionPassword();
        proxy.cut();
        states.await(ConnectionState.SUSPENDED);
        try (TestClient thief = TestClient.attach(session.server().connectString(), ClientServers.SESSION_TIMEOUT_MS,
                sessionId, password)) {
            thief.barrier();
        }
        proxy.restore();
        client.removeConnectionStateListener(states);
    }

    /** How many threads are inside a section at once, and the most there ever were. */
    static final class Occupancy {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        int now() {
            return now.get();
        }

        int max() {
            return max.get();
        }
    }

    /**
     * A resource guarded by fencing tokens, as a storage service would guard itself: a write with a
     * token lower than the highest it has accepted is refused, so a holder whose lock was lost
     * cannot overwrite the work of the holder after it.
     */
    static final class FencedResource {
        private long highestToken = Long.MIN_VALUE;
        private final List<Long> acceptedTokens = new ArrayList<>();
        private int refused;

        synchronized boolean write(long token) {
            if (token < highestToken) {
                refused++;
                return false;
            }
            highestToken = token;
            acceptedTokens.add(token);
            return true;
        }

        synchronized List<Long> acceptedTokens() {
            return List.copyOf(acceptedTokens);
        }

        synchronized int refused() {
            return refused;
        }
    }

    /** The children of {@code path}; none when the server already removed it (it may be an empty container). */
    static List<String> childrenOf(BlockingClient client, String path) throws InterruptedException {
        try {
            return client.getChildren(path).names();
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return List.of();
            }
            throw e;
        }
    }

    /** Runs the tasks on threads of their own and returns their results, each waited for boundedly. */
    static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
