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
import io.warden.it.recipes.RecipeFixtures.FencedResource;
import io.warden.it.recipes.RecipeFixtures.Occupancy;
import io.warden.recipes.locks.DistributedLock;
import io.warden.recipes.locks.ExclusiveLock;
import io.warden.recipes.locks.ReadWriteLock;
import io.warden.recipes.locks.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessReadWriteLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lock recipes against Warden and Apache ZooKeeper: exclusion, fencing, Curator interop, faults. */
class LocksTest extends AgainstBothServers {
    private static final Duration SHORT = Duration.ofMillis(200);

    @ParameterizedTest
    @MethodSource("kinds")
    void oneHolderAtATimeAndEveryNewHolderHasALargerToken(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "exclusive")) {
            List<WardenClient> clients = List.of(session.client(), session.client(), session.client());
            Occupancy inside = new Occupancy();
            List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ExclusiveLock lock = new ExclusiveLock(clients.get(i % clients.size()), session.path("lock"));
                tasks.add(() -> {
                    for (int k = 0; k < 8; k++) {
                        assertThat(lock.acquire(TestClient.WAIT)).isTrue();
                        try {
                            inside.enter();
                            tokens.add(lock.fencingToken());
                            Thread.yield();
                            inside.leave();
                        } finally {
                            lock.release();
                        }
                    }
                    return 8;
                });
            }
            RecipeFixtures.runAll(tasks);

            assertThat(inside.max()).isEqualTo(1);
            assertThat(tokens).hasSize(48).isSorted().doesNotHaveDuplicates();
            assertThat(new ExclusiveLock(clients.get(0), session.path("lock")).participantNodes()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void holdsAreReentrantPerThread(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "reentrant")) {
            WardenClient client = session.client();
            ExclusiveLock lock = new ExclusiveLock(client, session.path("lock"));
            ExclusiveLock other = new ExclusiveLock(session.client(), session.path("lock"));

            lock.acquire();
            assertThat(lock.acquire(SHORT)).isTrue();
            long token = lock.fencingToken();
            lock.release();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            assertThat(lock.fencingToken()).isEqualTo(token);
            assertThat(otherThreadAcquires(other, SHORT)).isFalse();
            lock.release();

            assertThat(lock.isHeldByCurrentThread()).isFalse();
            assertThat(otherThreadAcquires(other, TestClient.WAIT)).isTrue();
            assertThat(lock.participantNodes()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTimedOutAttemptLeavesNoNodeBehind(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "timeout")) {
            ExclusiveLock holder = new ExclusiveLock(session.client(), session.path("lock"));
            ExclusiveLock waiter = new ExclusiveLock(session.client(), session.path("lock"));
            holder.acquire();

            assertThat(waiter.acquire(SHORT)).isFalse();

            assertThat(holder.participantNodes()).hasSize(1);
            holder.release();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void wardenAndCuratorExcludeEachOtherOnTheSamePath(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "curator")) {
            CuratorFramework curator = session.closeLater(session.curator());
            InterProcessMutex curatorLock = new InterProcessMutex(curator, session.path("lock"));
            ExclusiveLock wardenLock = new ExclusiveLock(session.client(), session.path("lock"));

            wardenLock.acquire();
            assertThat(curatorLock.acquire(SHORT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            assertThat(curatorLock.getParticipantNodes()).hasSize(1);
            wardenLock.release();

            assertThat(curatorLock.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(otherThreadAcquires(wardenLock, SHORT)).isFalse();
            assertThat(wardenLock.participantNodes()).singleElement().asString().matches("_c_[0-9a-f-]{36}-lock-\\d{10}");
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireQuietly(wardenLock));
            curatorLock.release();
            assertThat(waiting.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void readersShareAndWritersExclude(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "rw")) {
            ReadWriteLock first = new ReadWriteLock(session.client(), session.path("lock"));
            ReadWriteLock second = new ReadWriteLock(session.client(), session.path("lock"));
            ReadWriteLock writer = new ReadWriteLock(session.client(), session.path("lock"));

            first.readLock().acquire();
            assertThat(otherThreadAcquires(second.readLock(), TestClient.WAIT)).isTrue();
            assertThat(otherThreadAcquires(writer.writeLock(), SHORT)).isFalse();
            first.readLock().release();

            writer.writeLock().acquire();
            assertThat(otherThreadAcquires(first.readLock(), SHORT)).isFalse();
            assertThat(writer.readLock().acquire(SHORT)).as("the writer may also read").isTrue();
            writer.readLock().release();
            writer.writeLock().release();
            assertThat(otherThreadAcquires(first.readLock(), TestClient.WAIT)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void curatorWritersExcludeWardenReaders(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "rwcurator")) {
            CuratorFramework curator = session.closeLater(session.curator());
            InterProcessReadWriteLock curatorLock = new InterProcessReadWriteLock(curator, session.path("lock"));
            ReadWriteLock wardenLock = new ReadWriteLock(session.client(), session.path("lock"));

            curatorLock.writeLock().acquire();
            assertThat(otherThreadAcquires(wardenLock.readLock(), SHORT)).isFalse();
            curatorLock.writeLock().release();

            wardenLock.writeLock().acquire();
            assertThat(curatorLock.readLock().acquire(SHORT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            wardenLock.writeLock().release();
            assertThat(curatorLock.readLock().acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            curatorLock.readLock().release();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSemaphoreHandsOutAtMostItsLeases(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "semaphore")) {
            List<WardenClient> clients = List.of(session.client(), session.client());
            Occupancy inside = new Occupancy();
            List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Semaphore semaphore = new Semaphore(clients.get(i % 2), session.path("sem"), 2);
                tasks.add(() -> {
                    for (int k = 0; k < 4; k++) {
                        try (Semaphore.Lease lease = semaphore.acquire(TestClient.WAIT)) {
                            assertThat(lease).isNotNull();
                            inside.enter();
                            tokens.add(lease.fencingToken());
                            Thread.yield();
                            inside.leave();
                        }
                    }
                    return 4;
                });
            }
            RecipeFixtures.runAll(tasks);

            assertThat(inside.max()).isBetween(1, 2);
            assertThat(tokens).hasSize(20).doesNotHaveDuplicates();
            Semaphore full = new Semaphore(clients.get(0), session.path("sem"), 1);
            try (Semaphore.Lease held = full.acquire(TestClient.WAIT)) {
                assertThat(held).isNotNull();
                assertThat(full.acquire(SHORT)).isNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHolderWhoseSessionEndsIsFencedOffByTheNextHolder(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "fencing")) {
            CuttableProxy proxy = session.proxy();
            WardenClient stale = session.clientThrough(proxy, builder -> builder);
            ExclusiveLock staleLock = new ExclusiveLock(stale, session.path("lock"));
            ExclusiveLock nextLock = new ExclusiveLock(session.client(), session.path("lock"));
            FencedResource resource = new FencedResource();
            StateRecorder states = StateRecorder.of(stale);

            staleLock.acquire();
            long staleToken = staleLock.fencingToken();
            assertThat(resource.write(staleToken)).isTrue();

            RecipeFixtures.expireSession(session, proxy, stale);
            assertThat(otherThreadAcquiresAndWrites(nextLock, resource)).isTrue();
            assertThat(resource.write(staleToken)).as("a write of the holder that lost its lock").isFalse();

            states.await(ConnectionState.EXPIRED);
            staleLock.release();
            assertThat(resource.acceptedTokens()).hasSize(2).isSorted();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWaiterKeepsItsPlaceAcrossAConnectionLoss(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "waiterloss")) {
            ExclusiveLock holder = new ExclusiveLock(session.client(), session.path("lock"));
            CuttableProxy proxy = session.proxy();
            WardenClient waiterClient = session.clientThrough(proxy, builder -> builder);
            ExclusiveLock waiter = new ExclusiveLock(waiterClient, session.path("lock"));
            StateRecorder states = StateRecorder.of(waiterClient);
            holder.acquire();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireQuietly(waiter));
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 2);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            proxy.restore();
            states.await(ConnectionState.RECONNECTED);
            assertThat(holder.participantNodes()).hasSize(2);
            holder.release();

            assertThat(waiting.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(holder.participantNodes()).as("nodes left behind after the waiter's release").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWaiterWhoseSessionExpiresQueuesAgainWithANewNode(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "waiterexpiry")) {
            ExclusiveLock holder = new ExclusiveLock(session.client(), session.path("lock"));
            CuttableProxy proxy = session.proxy();
            WardenClient waiterClient = session.clientThrough(proxy, builder -> builder);
            ExclusiveLock waiter = new ExclusiveLock(waiterClient, session.path("lock"));
            StateRecorder states = StateRecorder.of(waiterClient);
            holder.acquire();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireQuietly(waiter));
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 2);
            String firstNode = holder.participantNodes().get(1);

            RecipeFixtures.expireSession(session, proxy, waiterClient);
            states.await(ConnectionState.CONNECTED);
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 2
                    && !holder.participantNodes().get(1).equals(firstNode));
            holder.release();

            assertThat(waiting.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNodeOfASessionTheClientGaveUpIsNeverTakenForANewHold(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "lostnode")) {
            ExclusiveLock holder = new ExclusiveLock(session.client(), session.path("lock"));
            CuttableProxy proxy = session.proxy();
            WardenClient lostClient = session.clientThrough(proxy, builder -> builder.sessionTimeoutMs(4_000));
            ExclusiveLock lost = new ExclusiveLock(lostClient, session.path("lock"));
            ExclusiveLock other = new ExclusiveLock(session.client(), session.path("lock"));
            Occupancy inside = new Occupancy();
            CompletableFuture<Void> releaseAll = new CompletableFuture<>();
            holder.acquire();
            CompletableFuture<Boolean> lostHolds = CompletableFuture.supplyAsync(() -> holdUntil(lost, inside, releaseAll));
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 2);
            CompletableFuture<Boolean> otherHolds = CompletableFuture.supplyAsync(
                    () -> holdUntil(other, inside, releaseAll));
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 3);
            String staleNode = holder.participantNodes().get(1);
            StateRecorder states = StateRecorder.of(lostClient);

            proxy.cut();
            holder.release();
            states.await(ConnectionState.LOST);
            proxy.restore();
            states.await(ConnectionState.CONNECTED);
            // The client gave its session up before the server expired it. Its old node goes (deleted by
            // the lock, or at the latest when the server expires the session); then exactly one of the two
            // holds and the other waits with a node of its new session. A hold on the old node would leave
            // two holders once the server deleted it, and one node.
            await().atMost(TestClient.WAIT).until(() -> !holder.participantNodes().contains(staleNode));
            await().atMost(TestClient.WAIT).until(() -> inside.now() == 1 && holder.participantNodes().size() == 2);
            assertThat(inside.max()).isEqualTo(1);

            releaseAll.complete(null);
            assertThat(lostHolds.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(otherHolds.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(inside.max()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anInterruptedAcquireLeavesNoNodeBehind(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "interrupt")) {
            ExclusiveLock holder = new ExclusiveLock(session.client(), session.path("lock"));
            ExclusiveLock waiter = new ExclusiveLock(session.client(), session.path("lock"));
            holder.acquire();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    waiter.acquire();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            thread.start();
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 2);

            thread.interrupt();

            assertThat(outcome.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(InterruptedException.class);
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 1);
            holder.release();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWaiterOfAClosedClientStopsWaiting(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "closed")) {
            ExclusiveLock holder = new ExclusiveLock(session.client(), session.path("lock"));
            WardenClient closing = session.client();
            ExclusiveLock waiter = new ExclusiveLock(closing, session.path("lock"));
            holder.acquire();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireQuietly(waiter));
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 2);

            closing.close();

            assertThat(waiting).failsWithin(TestClient.WAIT);
            await().atMost(TestClient.WAIT).until(() -> holder.participantNodes().size() == 1);
            holder.release();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWriterThatAlsoReadsKeepsOtherWritersOutUntilItStopsReading(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "downgrade")) {
            ReadWriteLock lock = new ReadWriteLock(session.client(), session.path("lock"));
            ReadWriteLock otherLock = new ReadWriteLock(session.client(), session.path("lock"));
            lock.writeLock().acquire();
            CompletableFuture<Boolean> otherWriter = CompletableFuture.supplyAsync(() -> {
                try {
                    boolean acquired = otherLock.writeLock().acquire(TestClient.WAIT);
                    if (acquired) {
                        otherLock.writeLock().release();
                    }
                    return acquired;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            await().atMost(TestClient.WAIT).until(() -> session.client().blocking()
                    .getChildren(session.path("lock")).names().size() == 2);

            assertThat(lock.readLock().acquire(SHORT)).isTrue();
            lock.writeLock().release();
            ReadWriteLock thirdLock = new ReadWriteLock(session.client(), session.path("lock"));
            assertThat(otherThreadAcquires(thirdLock.writeLock(), SHORT)).as("another writer").isFalse();
            assertThat(otherWriter).as("the waiting writer, while the downgraded reader reads").isNotDone();

            lock.readLock().release();
            assertThat(otherWriter.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSemaphoreWaiterWhoseSessionExpiresStillGetsALeaseAndBlocksNoOne(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "semexpiry")) {
            Semaphore holder = new Semaphore(session.client(), session.path("sem"), 1);
            CuttableProxy proxy = session.proxy();
            WardenClient expiringClient = session.clientThrough(proxy, builder -> builder);
            Semaphore expiring = new Semaphore(expiringClient, session.path("sem"), 1);
            Semaphore other = new Semaphore(session.client(), session.path("sem"), 1);
            Semaphore.Lease held = holder.acquire(TestClient.WAIT);
            CompletableFuture<Boolean> expiringGets = CompletableFuture.supplyAsync(() -> leaseQuietly(expiring));
            CompletableFuture<Boolean> otherGets = CompletableFuture.supplyAsync(() -> leaseQuietly(other));
            await().atMost(TestClient.WAIT).until(() -> session.client().blocking()
                    .getChildren(session.path("sem/leases")).names().size() == 2);

            RecipeFixtures.expireSession(session, proxy, expiringClient);
            held.close();

            assertThat(otherGets.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(expiringGets.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    private static boolean otherThreadAcquires(DistributedLock lock, Duration timeout) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                boolean acquired = lock.acquire(timeout);
                if (acquired) {
                    lock.release();
                }
                return acquired;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }).get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private static boolean otherThreadAcquiresAndWrites(ExclusiveLock lock, FencedResource resource) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!lock.acquire(TestClient.WAIT)) {
                    return false;
                }
                try {
                    return resource.write(lock.fencingToken());
                } finally {
                    lock.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }).get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    /** Acquires, counts itself inside, holds until {@code release} completes, then leaves and releases. */
    private static boolean holdUntil(ExclusiveLock lock, Occupancy inside, CompletableFuture<Void> release) {
        try {
            if (!lock.acquire(TestClient.WAIT.multipliedBy(2))) {
                return false;
            }
            inside.enter();
            try {
                release.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } finally {
                inside.leave();
                lock.release();
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Takes a lease (bounded wait), holds it briefly and gives it back; false when none came. */
    private static boolean leaseQuietly(Semaphore semaphore) {
        try (Semaphore.Lease lease = semaphore.acquire(TestClient.WAIT)) {
            return lease != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean acquireQuietly(ExclusiveLock lock) {
        try {
            boolean acquired = lock.acquire(TestClient.WAIT);
            if (acquired) {
                lock.release();
            }
            return acquired;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
