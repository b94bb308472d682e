package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.testkit.linearizability.CheckResult;
import io.warden.testkit.linearizability.HistoryRecorder;
import io.warden.testkit.linearizability.LinearizabilityChecker;
import io.warden.testkit.linearizability.Operation;
import io.warden.testkit.linearizability.RegisterModel;
import io.warden.testkit.linearizability.SetModel;

/**
 * The fault harness: clients of a three-member ensemble of real processes write and read registers
 * ({@code setData}, compare-and-set by version, {@code sync} then {@code getData}) and sets
 * (creates under a node, {@code sync} then {@code getChildren}) while a seeded nemesis kills
 * members with SIGKILL and restarts them, pauses them with SIGSTOP and SIGCONT, and cuts a member
 * off from the others (connections closed) or silently drops what it sends and receives (through
 * a proxy on every link). Every
 * operation's invocation and completion is recorded (an operation whose connection was lost may or
 * may not have happened), and the histories must be linearizable, each register and each set on
 * its own (several keys keep each history small enough to check exhaustively). The checker is
 * shown to catch a stale read planted in a recorded history; {@link PlantedBugTest} shows it
 * catching one that a bug planted in a running member serves.
 *
 * <p>{@code -Dfaults.seed=<seed>} replays a nemesis schedule (the clients' timing still varies);
 * {@code -Dfaults.opsPerClient=<n>} makes a longer run (see the README).
 */
class EnsembleFaultsTest {
    private static final long SEED = Long.getLong("faults.seed", 20261207L);
    private static final int OPS_PER_CLIENT = Integer.getInteger("faults.opsPerClient", 120);
    private static final int CLIENTS = 4;
    /** Between one client's operations, so that the faults land among them. */
    private static final long THINK_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    private static final int REGISTERS = 6;
    private static final int SETS = 3;

    @TempDir
    Path dir;

    private final Map<String, RecordedRegister> registers = new TreeMap<>();
    private final Map<String, HistoryRecorder<SetModel.Input<String>, SetModel.Output<String>>> sets =
            new TreeMap<>();

    @Test
    void historiesUnderKillsAndPausesAreLinearizableAndAStaleReadIsCaught() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.startPartitionable(dir, 3)) {
            ensemble.awaitLeader();
            try (TestClient setup = TestClient.connect(ensemble.connectString(), 6_000)) {
                for (int k = 0; k < REGISTERS; k++) {
                    setup.zk().create("/reg" + k, bytes("0"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    registers.put("/reg" + k, new RecordedRegister("/reg" + k));
                }
                for (int k = 0; k < SETS; k++) {
                    setup.zk().create("/set" + k, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    sets.put("/set" + k, new HistoryRecorder<>());
                }
            }
            AtomicBoolean done = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread thread = new Thread(() -> runClient(ensemble.connectString(), client, done), "client-" + c);
                clients.add(thread);
                thread.start();
            }
            Nemesis nemesis = new Nemesis(ensemble, new Random(SEED));
            Thread nemesisThread = new Thread(() -> nemesis.run(done), "nemesis");
            nemesisThread.start();
            for (Thread client : clients) {
                client.join(TimeUnit.MINUTES.toMillis(5));
                assertThat(client.isAlive()).as("client %s finished", client.getName()).isFalse();
            }
            done.set(true);
            nemesisThread.join(TimeUnit.MINUTES.toMillis(1));
            nemesis.heal();
            ensemble.awaitLeader();
            finalReads(ensemble.connectString());

            Map<String, List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>>> registerHistory =
                    new TreeMap<>();
            registers.forEach((key, register) -> registerHistory.put(key, register.history()));
            Map<String, List<Operation<SetModel.Input<String>, SetModel.Output<String>>>> setHistory = new TreeMap<>();
            sets.forEach((key, recorder) -> setHistory.put(key, recorder.history()));
            String context = "seed " + SEED + ", faults: " + nemesis.log() + "; logs:\n" + ensemble.logs();
            CheckResult registerResult = LinearizabilityChecker.checkEachKey(registerHistory,
                    RegisterModel.startingWith("0"));
            assertThat(registerResult.isLinearizable()).as(() -> "register: " + registerResult + "\n" + context)
                    .isTrue();
            CheckResult setResult = LinearizabilityChecker.checkEachKey(setHistory, SetModel.<String>empty());
            assertThat(setResult.isLinearizable()).as(() -> "set: " + setResult + "\n" + context).isTrue();
            System.out.printf("fault harness, seed %d: %d faults %s; register %d ops (%d unknown, %d search steps),"
                    + " set %d ops (%d unknown, %d search steps)%n", SEED, nemesis.faults(), nemesis.log(),
                    size(registerHistory, null), size(registerHistory, true), registerResult.searchSteps(),
                    size(setHistory, null), size(setHistory, true), setResult.searchSteps());
            assertThat(nemesis.faults()).as("the nemesis acted").isPositive();
            assertThat(size(registerHistory, false)).as("register operations that completed").isGreaterThan(50);

            var withStaleRead = registerHistory.values().stream().map(StaleRead::plant).filter(h -> h != null)
                    .findFirst();
            assertThat(withStaleRead).as("a history with a read to make stale").isPresent();
            assertThat(LinearizabilityChecker.check(withStaleRead.get(), RegisterModel.startingWith("0")).verdict())
                    .as("a stale read in a real history is caught")
                    .isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
        }
    }

    /** Operations in every key's history: all of them ({@code unknown} null), or those of unknown outcome or not. */
    private static long size(Map<String, ? extends List<? extends Operation<?, ?>>> histories, Boolean unknown) {
        return histories.values().stream().flatMap(List::stream)
                .filter(op -> unknown == null || op.isUnknown() == unknown).count();
    }

    /** One client: a mix of register and set operations, each recorded with its outcome. */
    private void runClient(String connect, int client, AtomicBoolean done) {
        Random random = new Random(SEED * 31 + client);
        int ops = 0;
        TestClient connection = null;
        try {
            while (ops < OPS_PER_CLIENT && !done.get()) {
                if (connection == null) {
                    connection = TestClient.connect(connect, 6_000);
                }
                ZooKeeper zk = connection.zk();
                try {
                    int choice = random.nextInt(10);
                    RecordedRegister register = registers.get("/reg" + random.nextInt(REGISTERS));
                    String set = "/set" + random.nextInt(SETS);
                    if (choice < 3) {
                        register.write(zk, client + "-" + ops, client);
                    } else if (choice < 5) {
                        register.compareAndSet(zk, client + "-" + ops, client);
                    } else if (choice < 7) {
                        register.read(zk, client);
                    } else if (choice < 9) {
                        add(zk, set, "e" + client + "-" + ops, client);
                    } else {
                        readSet(zk, set, client);
                    }
                } catch (KeeperException.SessionExpiredException e) {
                    connection.close();
                    connection = null;
                }
                ops++;
                LockSupport.parkNanos(THINK_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private void add(ZooKeeper zk, String path, String element, int client) throws InterruptedException,
            KeeperException.SessionExpiredException {
        var set = sets.get(path);
        long op = set.invoke(client, SetModel.add(element));
        try {
            zk.create(path + "/" + element, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            set.ok(op, SetModel.added());
        } catch (KeeperException.NodeExistsException e) {
            set.ok(op, SetModel.alreadyPresent());
        } catch (KeeperException.SessionExpiredException e) {
            set.unknown(op);
            throw e;
        } catch (KeeperException e) {
            set.unknown(op);
        }
    }

    private void readSet(ZooKeeper zk, String path, int client) throws InterruptedException,
            KeeperException.SessionExpiredException {
        var set = sets.get(path);
        long op = set.invoke(client, SetModel.read());
        try {
            ClientSync.sync(zk);
            set.ok(op, SetModel.elements(new HashSet<>(zk.getChildren(path, false))));
        } catch (KeeperException.SessionExpiredException e) {
            set.unknown(op);
            throw e;
        } catch (KeeperException e) {
            set.unknown(op);
        }
    }

    /** After the faults: one more read of each, which must see every acknowledged write. */
    private void finalReads(String connect) throws Exception {
        await().atMost(TestClient.WAIT).ignoreExceptions().until(() -> {
            try (TestClient client = TestClient.connect(connect, 6_000)) {
                for (RecordedRegister register : registers.values()) {
                    register.read(client.zk(), CLIENTS);
                }
                for (String set : sets.keySet()) {
                    readSet(client.zk(), set, CLIENTS);
                }
            }
            return true;
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Kills, pauses or partitions off one member at a time, from a seeded schedule; always leaves
     * a quorum between faults, so that the clients make progress.
     */
    private static final class Nemesis {
        private final EnsembleProcesses ensemble;
        private final Random random;
        private final List<String> log = new ArrayList<>();

        Nemesis(EnsembleProcesses ensemble, Random random) {
            this.ensemble = ensemble;
            this.random = random;
        }

        void run(AtomicBoolean done) {
            while (!done.get()) {
                pace(500 + random.nextInt(1000));
                if (done.get()) {
                    return;
                }
                int member = 1 + random.nextInt(ensemble.size());
                switch (random.nextInt(4)) {
                    case 0 -> {
                        record("kill -9 " + member);
                        ensemble.member(member).kill();
                        pace(300 + random.nextInt(1200));
                        ensemble.member(member).launch(null);
                        record("restarted " + member);
                    }
                    case 1 -> {
                        record("SIGSTOP " + member);
                        ensemble.member(member).pause();
                        pace(300 + random.nextInt(2500));
                        ensemble.member(member).resume();
                        record("SIGCONT " + member);
                    }
                    case 2 -> {
                        record("isolate " + member);
                        ensemble.isolate(member);
                        pace(300 + random.nextInt(2500));
                        ensemble.heal();
                        record("healed");
                    }
                    default -> {
                        record("blackhole " + member);
                        ensemble.blackhole(member);
                        pace(300 + random.nextInt(2500));
                        ensemble.heal();
                        record("healed");
                    }
                }
            }
        }

        /** Ends any fault still in force: every member running, every link working. */
        void heal() {
            ensemble.heal();
            for (int id = 1; id <= ensemble.size(); id++) {
                if (!ensemble.member(id).isAlive()) {
                    ensemble.member(id).launch(null);
                }
            }
        }

        private static void pace(long millis) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis)); // the schedule's spacing, not a wait
        }

        private synchronized void record(String fault) {
            log.add(fault);
        }

        synchronized List<String> log() {
            return List.copyOf(log);
        }

        synchronized int faults() {
            return (int) log.stream().filter(f -> f.startsWith("kill") || f.startsWith("SIGSTOP")
                    || f.startsWith("isolate") || f.startsWith("blackhole")).count();
        }
    }

    /** Plants a stale read in a recorded register history. */
    static final class StaleRead {
        private StaleRead() {
        }

        /**
         * Finds a read of value {@code v}, a write that started after that read ended and was
         * acknowledged, and a read that started after the write ended, and makes the later read
         * return {@code v}: no order explains it, since every value is written once. Null when the
         * history has no such triple.
         */
        static List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> plant(
                List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> history) {
            for (var first : history) {
                if (!(first.input() instanceof RegisterModel.Read<String>)
                        || !(first.output() instanceof RegisterModel.Value<String> seen)) {
                    continue;
                }
                for (var write : history) {
                    boolean acknowledged = write.output() instanceof RegisterModel.Ok<String>;
                    if (!acknowledged || write.invocationTimeNanos() <= first.completionTimeNanos()) {
                        continue;
                    }
                    for (var later : history) {
                        if (later.input() instanceof RegisterModel.Read<String>
                                && later.output() instanceof RegisterModel.Value<String>
                                && later.invocationTimeNanos() > write.completionTimeNanos()) {
                            List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> planted =
                                    new ArrayList<>(history);
                            planted.set(planted.indexOf(later), Operation.completed(later.id(), later.clientId(),
                                    later.input(), later.invocationTimeNanos(), RegisterModel.value(seen.value()),
                                    later.completionTimeNanos()));
                            return planted;
                        }
                    }
                }
            }
            return null;
        }
    }
}
