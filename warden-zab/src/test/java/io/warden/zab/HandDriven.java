package io.warden.zab;

import io.warden.common.RandomSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Cores driven by hand, message by message: every message waits in {@link #net} until a test
 * delivers or drops it, in any order; disks sync at once unless {@link #autoSync} is off.
 */
final class HandDriven {
    record Msg(long from, long to, PeerMessage m) {
        @Override
        public String toString() {
            return from + "->" + to + " " + m;
        }
    }

    final Set<Long> voters;
    final Set<Long> observers;
    final Map<Long, ZabCore> cores = new TreeMap<>();
    final Map<Long, Long> issued = new TreeMap<>();
    final Map<Long, List<Entry>> delivered = new TreeMap<>();
    final Map<Long, List<ZabOutput>> outputs = new TreeMap<>();
    final List<Msg> net = new ArrayList<>();
    boolean autoSync = true;
    boolean verbose;

    HandDriven(Set<Long> voters, Set<Long> observers) {
        this.voters = voters;
        this.observers = observers;
    }

    void start(long id, ZabState state) {
        ZabCore core = new ZabCore(ZabConfig.of(id, voters, observers), state, RandomSource.seeded(1000 + id * 7919L));
        cores.put(id, core);
        issued.put(id, 0L);
        delivered.put(id, new ArrayList<>());
        outputs.put(id, new ArrayList<>());
        input(id, new ZabInput.Start());
    }

    ZabCore core(long id) {
        return cores.get(id);
    }

    void input(long id, ZabInput in) {
        List<ZabOutput> out = new ArrayList<>();
        cores.get(id).handle(in, out);
        for (ZabOutput o : out) {
            outputs.get(id).add(o);
            if (verbose && !(o instanceof ZabOutput.Send s && (s.message() instanceof PeerMessage.Ping))) {
                System.out.println("  [" + id + "] " + o);
            }
            if (o instanceof ZabOutput.Send s) {
                net.add(new Msg(id, s.to(), s.message()));
            } else if (o instanceof ZabOutput.Persist p) {
                issued.put(id, p.writeId());
            } else if (o instanceof ZabOutput.SendSnapshot s) {
                net.add(new Msg(id, s.to(), new PeerMessage.Snap(s.link(), s.seq(), s.zxid(), SnapshotImage.of(new byte[0]))));
            } else if (o instanceof ZabOutput.Deliver d) {
                delivered.get(id).add(d.entry());
            }
        }
        if (autoSync && issued.get(id) > 0 && !(in instanceof ZabInput.DiskSynced ds && ds.writeId() == issued.get(id))) {
            input(id, new ZabInput.DiskSynced(issued.get(id)));
        }
    }

    void sync(long id) {
        input(id, new ZabInput.DiskSynced(issued.get(id)));
    }

    void tick(long id) {
        input(id, new ZabInput.Tick());
    }

    void deliver(Msg m) {
        if (!cores.containsKey(m.to())) {
            return; // not running: lost
        }
        if (verbose) {
            System.out.println("deliver " + m);
        }
        input(m.to(), new ZabInput.Receive(m.from(), m.m()));
    }

    /** Removes and returns the first message matching. */
    Msg take(Predicate<Msg> p) {
        for (Iterator<Msg> it = net.iterator(); it.hasNext();) {
            Msg m = it.next();
            if (p.test(m)) {
                it.remove();
                return m;
            }
        }
        throw new AssertionError("no such message in " + net);
    }

    /** Delivers (FIFO) every message matching, including ones sent meanwhile, until none is left. */
    void deliverAll(Predicate<Msg> p) {
        for (int guard = 0; guard < 5_000; guard++) {
            Msg next = null;
            for (Msg m : net) {
                if (p.test(m)) {
                    next = m;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            net.remove(next);
            deliver(next);
        }
        throw new AssertionError("no quiescence; net holds " + net.subList(0, Math.min(12, net.size())));
    }

    void deliverAll(Predicate<Msg> p, Predicate<Msg> lose) {
        for (int guard = 0; guard < 5_000; guard++) {
            net.removeIf(lose);
            Msg next = null;
            for (Msg m : net) {
                if (p.test(m)) {
                    next = m;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            net.remove(next);
            deliver(next);
        }
        throw new AssertionError("no quiescence");
    }

    void drop(Predicate<Msg> p) {
        net.removeIf(p);
    }

    static Predicate<Msg> from(long f) {
        return m -> m.from() == f;
    }

    static Predicate<Msg> to(long t) {
        return m -> m.to() == t;
    }

    static Predicate<Msg> type(Class<?> c) {
        return m -> c.isInstance(m.m());
    }
}
