package io.warden.it.curator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessReadWriteLock;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Curator's locks and semaphore under contention from several sessions and threads. */
class CuratorLocksTest {

    @RegisterExtension
    static final CuratorServers servers = new CuratorServers();

    /** How many threads are inside a section at once, and the most there ever were. */
    static final class Occupancy {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            int n = now.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        int max() {
            return max.get();
        }
    }

    /** Runs the tasks on their own threads and returns their results, each waited for boundedly. */
    static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private int plainCounter;

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void interProcessMutexLosesNoIncrements(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "mutex")) {
            int threads = 8;
            int increments = 25;
            List<CuratorFramework> clients = List.of(s.client(), s.client(), s.client(), s.client());
            String counter = s.path("counter");
            clients.get(0).create().creatingParentsIfNeeded().forPath(counter, "0".getBytes(UTF_8));
            plainCounter = 0;
            Occupancy inside = new Occupancy();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CuratorFramework client = clients.get(i % clients.size());
                InterProcessMutex mutex = new InterProcessMutex(client, s.path("lock"));
                tasks.add(() -> {
                    for (int k = 0; k < increments; k++) {
                        if (!mutex.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("lock not acquired within " + TestClient.WAIT);
                        }
                        try {
                            inside.enter();
                            // read, yield, write: a lost update unless the lock excludes the others
                            int plain = plainCounter;
                            int stored = Integer.parseInt(new String(client.getData().forPath(counter), UTF_8));
                            Thread.yield();
                            plainCounter = plain + 1;
                            client.setData().forPath(counter, Integer.toString(stored + 1).getBytes(UTF_8));
                            inside.leave();
                        } finally {
                            mutex.release();
                        }
                    }
                    return increments;
                });
            }
            runAll(tasks);
            assertThat(inside.max()).as("holders at once").isEqualTo(1);
            assertThat(plainCounter).as("the Java field").isEqualTo(threads * increments);
            assertThat(new String(clients.get(0).getData().forPath(counter), UTF_8)).as("the znode")
                    .isEqualTo(Integer.toString(threads * increments));
            assertThat(clients.get(0).getChildren().forPath(s.path("lock"))).as("lock nodes left behind").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void readWriteLockSharesReadsAndExcludesWrites(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "rwlock")) {
            CuratorFramework a = s.client();
            CuratorFramework b = s.client();
            InterProcessReadWriteLock lockA = new InterProcessReadWriteLock(a, s.path("lock"));
            InterProcessReadWriteLock lockB = new InterProcessReadWriteLock(b, s.path("lock"));
            // Two sessions hold the read lock together; a writer cannot get in meanwhile.
            assertThat(lockA.readLock().acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(lockB.readLock().acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            InterProcessReadWriteLock writerLock = new InterProcessReadWriteLock(s.client(), s.path("lock"));
            assertThat(writerLock.writeLock().acquire(200, TimeUnit.MILLISECONDS)).as("write lock while read-locked")
                    .isFalse();
            lockA.readLock().release();
            lockB.readLock().release();
            assertThat(writerLock.writeLock().acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(lockA.readLock().acquire(200,
                    TimeUnit.MILLISECONDS)).as("read lock while write-locked").isFalse();
            // The holder of the write lock may also read (downgrade).
            assertThat(writerLock.readLock().acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            writerLock.readLock().release();
            writerLock.writeLock().release();

            // Then contention: writers alone, readers never alongside a writer.
            Occupancy writers = new Occupancy();
            AtomicInteger readersInside = new AtomicInteger();
            AtomicInteger readersBesideWriter = new AtomicInteger();
            AtomicInteger writerBesideReaders = new AtomicInteger();
            List<Callable<Integer>> tasks = new ArrayList<>();
            List<CuratorFramework> clients = List.of(a, b, s.client());
            for (int i = 0; i < 6; i++) {
                boolean writer = i % 3 == 0;
                InterProcessReadWriteLock lock = new InterProcessReadWriteLock(clients.get(i % clients.size()),
                        s.path("lock"));
                tasks.add(() -> {
                    for (int k = 0; k < 6; k++) {
                        InterProcessMutex mutex = writer ? lock.writeLock() : lock.readLock();
                        if (!mutex.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("lock not acquired");
                        }
                        try {
                            if (writer) {
                                writers.enter();
                                if (readersInside.get() > 0) {
                                    writerBesideReaders.incrementAndGet();
                                }
                                Thread.yield();
                                writers.leave();
                            } else {
                                readersInside.incrementAndGet();
                                if (writers.now.get() > 0) {
                                    readersBesideWriter.incrementAndGet();
                                }
                                Thread.yield();
                                readersInside.decrementAndGet();
                            }
                        } finally {
                            mutex.release();
                        }
                    }
                    return 0;
                });
            }
            runAll(tasks);
            assertThat(writers.max()).as("writers at once").isEqualTo(1);
            assertThat(readersBesideWriter.get()).as("readers inside while a writer was").isZero();
            assertThat(writerBesideReaders.get()).as("writers inside while readers were").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void semaphoreNeverGrantsMoreLeasesThanItHas(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "semaphore")) {
            int leases = 3;
            List<CuratorFramework> clients = List.of(s.client(), s.client(), s.client());
            Occupancy holders = new Occupancy();
            AtomicInteger granted = new AtomicInteger();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(clients.get(i % clients.size()),
                        s.path("semaphore"), leases);
                tasks.add(() -> {
                    for (int k = 0; k < 5; k++) {
                        Lease lease = semaphore.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        if (lease == null) {
                            throw new AssertionError("no lease within " + TestClient.WAIT);
                        }
                        try {
                            holders.enter();
                            granted.incrementAndGet();
                            Thread.yield();
                            holders.leave();
                        } finally {
                            semaphore.returnLease(lease);
                        }
                    }
                    return 0;
                });
            }
            runAll(tasks);
            assertThat(holders.max()).as("holders at once").isBetween(1, leases);
            assertThat(granted.get()).isEqualTo(40);
            // All leases at once: three sessions hold one each, a fourth waits.
            List<InterProcessSemaphoreV2> semaphores = new ArrayList<>();
            List<Lease> held = new ArrayList<>();
            for (CuratorFramework client : clients) {
                InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(client, s.path("semaphore"), leases);
                semaphores.add(semaphore);
                held.add(semaphore.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            assertThat(held).doesNotContainNull();
            InterProcessSemaphoreV2 fourth = new InterProcessSemaphoreV2(s.client(), s.path("semaphore"), leases);
            assertThat(fourth.acquire(200, TimeUnit.MILLISECONDS)).as("a fourth lease").isNull();
            semaphores.get(0).returnLease(held.get(0));
            Lease late = fourth.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(late).as("a lease once one is returned").isNotNull();
            fourth.returnLease(late);
            semaphores.get(1).returnLease(held.get(1));
            semaphores.get(2).returnLease(held.get(2));
        }
    }
}
