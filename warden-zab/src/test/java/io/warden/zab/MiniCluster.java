package io.warden.zab;

import io.warden.common.RandomSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A minimal host for unit tests: a FIFO network that loses nothing (except between servers cut
 * apart), and disks that sync at once. Not the simulator (that is warden-testkit); it exists so
 * that the core's own tests can script exact situations.
 */
final class MiniCluster {
    private record InFlight(long from, long to, PeerMessage message) {
    }

    final Map<Long, ZabCore> cores = new TreeMap<>();
    final Map<Long, List<Entry>> delivered = new HashMap<>();
    final Map<Long, ZabState> disks = new HashMap<>();
    private final Map<Long, List<Entry>> logs = new HashMap<>();
    private final Map<Long, long[]> epochs = new HashMap<>();
    private final ArrayDeque<InFlight> network = new ArrayDeque<>();
    private final Set<Long> down = new HashSet<>();
    private final Set<List<Long>> cut = new HashSet<>();
    final List<ZabOutput> events = new ArrayList<>();
    private final Set<Long> voters;
    private final Set<Long> observers;
    private final long seed;
    private long counterMax = io.warden.common.Zxid.COUNTER_MAX;
    private long retainedBytesMax = ZabConfig.RETAINED_BYTES_MAX_DEFAULT;
    private int messageBytesMax = ZabConfig.MESSAGE_BYTES_MAX_DEFAULT;

    MiniCluster(Set<Long> voters, Set<Long> observers, long seed) {
        this.voters = voters;
        this.observers = observers;
        this.seed = seed;
        for (long id : all()) {
            logs.put(id, new ArrayList<>());
            epochs.put(id, new long[3]);
            delivered.put(id, new ArrayList<>());
        }
    }

    MiniCluster counterMax(long max) {
        this.counterMax = max;
        return this;
    }

    MiniCluster messageBytesMax(int max) {
        this.messageBytesMax = max;
        return this;
    }

    MiniCluster retainedBytesMax(long max) {
        this.retainedBytesMax = max;
        return this;
    }

    Set<Long> all() {
        Set<Long> all = new java.util.TreeSet<>(voters);
        all.addAll(observers);
        return all;
    }

    void startAll() {
        for (long id : all()) {
            start(id);
        }
    }

    void start(long id) {
        down.remove(id);
        long[] e = epochs.get(id);
        ZabConfig config = ZabConfig.of(id, voters, observers).withCounterMax(counterMax)
                .withRetainedBytesMax(retainedBytesMax).withMessageBytesMax(messageBytesMax);
        ZabCore core = new ZabCore(config, new ZabState(e[0], e[2], 0, logs.get(id)),
                RandomSource.seeded(seed * 31 + id));
        cores.put(id, core);
        delivered.put(id, new ArrayList<>());
        input(id, new ZabInput.Start());
    }

    void crash(long id) {
        down.add(id);
        cores.remove(id);
    }

    void cut(long a, long b) {
        cut.add(List.of(a, b));
        cut.add(List.of(b, a));
    }

    void heal() {
        cut.clear();
    }

    void input(long id, ZabInput input) {
        ZabCore core = cores.get(id);
        List<ZabOutput> out = new ArrayList<>();
        core.handle(input, out);
        for (ZabOutput o : out) {
            events.add(o);
            if (o instanceof ZabOutput.Send s) {
                network.add(new InFlight(id, s.to(), s.message()));
            } else if (o instanceof ZabOutput.Persist p) {
                persist(id, p.write());
                input(id, new ZabInput.DiskSynced(p.writeId()));
            } else if (o instanceof ZabOutput.Deliver d) {
                delivered.get(id).add(d.entry());
            } else if (o instanceof ZabOutput.SendSnapshot s) {
                throw new AssertionError("no snapshots in MiniCluster");
            }
        }
    }

    private void persist(long id, DiskWrite write) {
        List<Entry> log = logs.get(id);
        if (write instanceof DiskWrite.Append a) {
            log.add(a.entry());
        } else if (write instanceof DiskWrite.TruncateAfter t) {
            log.removeIf(e -> e.zxid() > t.zxid());
        } else if (write instanceof DiskWrite.SaveEpochs s) {
            epochs.put(id, new long[] {s.acceptedEpoch(), 0, s.currentEpoch()});
        }
    }

    /** Delivers messages until none are left (at most {@code max}). */
    void settle(int max) {
        for (int i = 0; i < max && !network.isEmpty(); i++) {
            InFlight m = network.poll();
            if (down.contains(m.to()) || down.contains(m.from()) || cut.contains(List.of(m.from(), m.to()))) {
                continue;
            }
            input(m.to(), new ZabInput.Receive(m.from(), m.message()));
        }
    }

    void tickAll() {
        for (long id : new ArrayList<>(cores.keySet())) {
            input(id, new ZabInput.Tick());
        }
        settle(100_000);
    }

    /** Ticks until {@code done} holds, at most {@code maxTicks} times; false when it never did. */
    boolean tickUntil(java.util.function.BooleanSupplier done, int maxTicks) {
        settle(100_000);
        for (int i = 0; i < maxTicks && !done.getAsBoolean(); i++) {
            tickAll();
        }
        return done.getAsBoolean();
    }

    long leader() {
        for (ZabCore c : cores.values()) {
            if (c.isEstablishedLeader()) {
                return c.myId();
            }
        }
        return 0;
    }

    /** True when a leader is established and every running server is up to date in its epoch. */
    boolean allUpToDate() {
        if (leader() == 0) {
            return false;
        }
        long epoch = cores.get(leader()).currentEpoch();
        for (ZabCore c : cores.values()) {
            if (!c.isUpToDate() || c.currentEpoch() != epoch) {
                return false;
            }
        }
        return true;
    }

    List<Entry> log(long id) {
        return logs.get(id);
    }

    void propose(long id, String... payloads) {
        List<byte[]> list = new ArrayList<>();
        for (String p : payloads) {
            list.add(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        input(id, new ZabInput.Propose(list));
        settle(100_000);
    }

    List<String> deliveredPayloads(long id) {
        List<String> result = new ArrayList<>();
        for (Entry e : delivered.get(id)) {
            result.add(new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return result;
    }
}
