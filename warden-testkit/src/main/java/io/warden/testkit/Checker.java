package io.warden.testkit;

import io.warden.common.Zxid;
import io.warden.zab.Entry;
import io.warden.zab.Quorum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Watches a run and keeps the global committed history G: the first server to apply entry
 * number i defines G[i], and every later application must agree. Its checks throw
 * {@link CheckFailure}; tests read G through {@link #committed()}.
 */
public final class Checker {
    private final Set<Long> voters;
    private final Quorum majority;
    private final ArrayList<Entry> committed = new ArrayList<>();
    private final Map<Long, Integer> indexByWrite = new HashMap<>();
    private final TreeMap<Long, Long> leaderByEpoch = new TreeMap<>();
    private final Map<Long, Long> acknowledged = new LinkedHashMap<>();
    private long highestWriteId;
    private int checkedSize = -1;
    private long checkedVersions = -1;

    /** The true majority of {@code voters} judges durability, whatever quorum the cores were given. */
    Checker(Set<Long> voters) {
        this.voters = Collections.unmodifiableSet(new TreeSet<>(voters));
        this.majority = Quorum.majority(voters);
    }

    /** G: every committed entry, in order. */
    public List<Entry> committed() {
        return Collections.unmodifiableList(committed);
    }

    public int committedCount() {
        return committed.size();
    }

    /** Whether the write with this id is in G. */
    public boolean isCommitted(long writeId) {
        return indexByWrite.containsKey(writeId);
    }

    /** The highest write id in G, 0 when none. */
    public long highestCommittedWriteId() {
        return highestWriteId;
    }

    /** Epoch to the server that established itself leader of it. */
    public Map<Long, Long> leaders() {
        return Collections.unmodifiableMap(leaderByEpoch);
    }

    /** How many writes their leader delivered (the moment a client hears "done"). */
    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Invariant 1: a server became the established leader of {@code epoch}. */
    void established(long server, long epoch) {
        Long earlier = leaderByEpoch.putIfAbsent(epoch, server);
        if (earlier != null && earlier != server) {
            fail(Invariants.ONE_LEADER_PER_EPOCH, "server " + server + " established epoch " + epoch
                    + ", which server " + earlier + " established before");
        }
    }

    /** Invariant 1: what a server's core reports as its current epoch never falls below {@code floor}. */
    void currentEpoch(long server, long floor, long epoch) {
        if (epoch < floor) {
            fail(Invariants.EPOCHS_NEVER_DECREASE, "server " + server + " reports currentEpoch " + epoch
                    + " after " + floor);
        }
    }

    /** Invariants 2 and 3: {@code server} applied {@code entry} as entry number {@code index} of its history. */
    void applied(long server, int index, Entry entry) {
        if (index < committed.size()) {
            Entry expected = committed.get(index);
            if (!same(expected, entry)) {
                fail(Invariants.COMMITTED_PREFIX, "server " + server + " applied " + describe(entry) + " as entry #"
                        + index + ", where the committed history has " + describe(expected));
            }
        } else if (index == committed.size()) {
            append(server, entry);
        } else {
            fail(Invariants.COMMITTED_PREFIX, "server " + server + " applied " + describe(entry) + " as entry #"
                    + index + ", but the committed history has only " + committed.size() + " entries");
        }
    }

    /** Invariant 2: {@code server} replaced its history with {@code history} (a snapshot or a restart). */
    void restored(long server, List<Entry> history) {
        for (int i = 0; i < history.size(); i++) {
            applied(server, i, history.get(i));
        }
    }

    /** Invariant 5: the leader that took this write delivered it, at {@code zxid}. */
    void acknowledged(long writeId, long zxid) {
        Integer index = indexByWrite.get(writeId);
        if (index == null || committed.get(index).zxid() != zxid) {
            fail(Invariants.ACKNOWLEDGED_KEPT, "write " + writeId + " acknowledged at " + Zxid.toHex(zxid)
                    + " but the committed history has it " + (index == null ? "nowhere"
                    : "at " + Zxid.toHex(committed.get(index).zxid())));
        }
        acknowledged.put(writeId, zxid);
    }

    /**
     * G up to and including {@code zxid} (empty for 0): what a snapshot at {@code zxid} holds.
     * Invariant 2: a snapshot is of a committed state, so {@code zxid} must be in G.
     */
    List<Entry> committedUpTo(long server, long zxid) {
        if (zxid == 0) {
            return List.of();
        }
        int index = StateCodec.indexOf(committed, zxid);
        if (index < 0) {
            fail(Invariants.COMMITTED_PREFIX, "server " + server + " holds a snapshot at " + Zxid.toHex(zxid)
                    + ", which is not in the committed history (" + committed.size() + " entries, the last "
                    + describeTail(3) + ")");
        }
        return List.copyOf(committed.subList(0, index + 1));
    }

    /** Invariant 4: the last entry of G is durable (log or snapshot) on a quorum of voters. */
    void lastCommittedDurable(Map<Long, ? extends ServerDisk> disks) {
        if (committed.isEmpty()) {
            return;
        }
        long versions = 0;
        for (long voter : voters) {
            versions += disks.get(voter).version();
        }
        if (committed.size() == checkedSize && versions == checkedVersions) {
            return;
        }
        Entry last = committed.get(committed.size() - 1);
        Set<Long> holders = new HashSet<>();
        for (long voter : voters) {
            if (disks.get(voter).holds(last)) {
                holders.add(voter);
            }
        }
        if (!majority.isQuorum(holders)) {
            fail(Invariants.COMMITTED_DURABLE, "the last committed entry " + describe(last) + " (#"
                    + (committed.size() - 1) + ") is durable only on " + new TreeSet<>(holders)
                    + ", not a quorum of voters " + new TreeSet<>(voters));
        }
        checkedSize = committed.size();
        checkedVersions = versions;
    }

    /** Invariants 4 and 5 at the end of a run: every history equals G, every acknowledged write is in G. */
    void converged(Map<Long, List<Entry>> histories) {
        for (Map.Entry<Long, List<Entry>> server : histories.entrySet()) {
            List<Entry> history = server.getValue();
            if (history.size() != committed.size()) {
                fail(Invariants.CONVERGED, "server " + server.getKey() + " applied " + history.size()
                        + " entries, the committed history has " + committed.size());
            }
            for (int i = 0; i < history.size(); i++) {
                if (!same(history.get(i), committed.get(i))) {
                    fail(Invariants.CONVERGED, "server " + server.getKey() + " has " + describe(history.get(i))
                            + " as entry #" + i + ", the committed history " + describe(committed.get(i)));
                }
            }
        }
        for (Map.Entry<Long, Long> write : acknowledged.entrySet()) {
            Integer index = indexByWrite.get(write.getKey());
            if (index == null || committed.get(index).zxid() != write.getValue()) {
                fail(Invariants.ACKNOWLEDGED_KEPT, "acknowledged write " + write.getKey() + " at "
                        + Zxid.toHex(write.getValue()) + " is not in the committed history");
            }
        }
    }

    private void append(long server, Entry entry) {
        if (committed.isEmpty()) {
            if (Zxid.epoch(entry.zxid()) < 1 || Zxid.counter(entry.zxid()) != 1) {
                fail(Invariants.ZXIDS_CONTIGUOUS, "server " + server + " applied " + describe(entry)
                        + " as the first committed entry; expected counter 1 of an epoch >= 1");
            }
        } else {
            long previous = committed.get(committed.size() - 1).zxid();
            long zxid = entry.zxid();
            boolean next = Zxid.epoch(zxid) == Zxid.epoch(previous) && Zxid.counter(zxid) == Zxid.counter(previous) + 1;
            boolean newEpoch = Zxid.epoch(zxid) > Zxid.epoch(previous) && Zxid.counter(zxid) == 1;
            if (!next && !newEpoch) {
                fail(Invariants.ZXIDS_CONTIGUOUS, "server " + server + " applied " + describe(entry) + " right after "
                        + Zxid.toHex(previous) + " (entry #" + committed.size() + ")");
            }
        }
        long writeId = Payloads.writeId(entry.payload());
        if (writeId > 0) {
            Integer earlier = indexByWrite.putIfAbsent(writeId, committed.size());
            if (earlier != null) {
                fail(Invariants.COMMITTED_ONCE, "server " + server + " applied write " + writeId + " at "
                        + Zxid.toHex(entry.zxid()) + ", already committed at " + Zxid.toHex(committed.get(earlier).zxid()));
            }
            highestWriteId = Math.max(highestWriteId, writeId);
        }
        committed.add(entry);
    }

    private static boolean same(Entry a, Entry b) {
        return a.zxid() == b.zxid() && Arrays.equals(a.payload(), b.payload());
    }

    static String describe(Entry entry) {
        long writeId = Payloads.writeId(entry.payload());
        return Zxid.toHex(entry.zxid()) + (writeId >= 0 ? "/w" + writeId : "/" + entry.payload().length + "B");
    }

    private static void fail(String invariant, String detail) {
        throw new CheckFailure(invariant, detail);
    }

    /** The committed history as text, for failure messages. */
    String describeTail(int count) {
        List<String> parts = new ArrayList<>();
        for (int i = Math.max(0, committed.size() - count); i < committed.size(); i++) {
            parts.add(describe(committed.get(i)));
        }
        return parts.toString();
    }
}
