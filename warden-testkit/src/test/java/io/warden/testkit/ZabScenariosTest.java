package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.common.Zxid;
import io.warden.zab.Entry;
import io.warden.zab.ServerState;
import io.warden.zab.ZabCore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The known hard cases of ZAB, each a short script on the simulator. Every invariant (one leader
 * per epoch, prefix histories, contiguous zxids, nothing committed lost) is checked after every
 * step of every script; the assertions here add what each scenario is about.
 */
class ZabScenariosTest {
    private static final long MINUTE_MS = 60_000;

    @Test
    void theLeaderCrashesWhileAFollowerIsBeingSynchronised() {
        Cluster c = Cluster.builder(11).voters(3).build();
        long first = establish(c);
        List<Long> before = commit(c, first, 5);
        long lagging = otherThan(c, first);
        c.crash(lagging);
        List<Long> whileDown = commit(c, first, 20);
        c.setSlowDisk(lagging, true); // synchronisation takes a while
        c.restart(lagging);
        assertThat(c.runUntil(x -> syncingWith(x, lagging, first), MINUTE_MS))
                .as("the lagging follower starts synchronising with %d", first).isTrue();
        c.crash(first);
        c.setSlowDisk(lagging, false);
        long second = establish(c);
        assertThat(second).isNotEqualTo(first);
        c.restart(first);
        converge(c);
        assertThat(committedWrites(c)).containsSubsequence(before).containsSubsequence(whileDown);
    }

    @Test
    void aNewLeaderCrashesBeforeItsEpochIsEstablished() {
        Cluster c = Cluster.builder(12).voters(5).build();
        long first = establish(c);
        List<Long> acknowledged = commit(c, first, 10);
        c.crash(first);
        assertThat(c.runUntil(x -> leadingButNotEstablished(x) != 0, MINUTE_MS)).isTrue();
        long candidate = leadingButNotEstablished(c);
        c.crash(candidate);
        long third = establish(c);
        assertThat(third).isNotIn(first, candidate);
        c.restart(first);
        c.restart(candidate);
        converge(c);
        assertThat(committedWrites(c)).containsSubsequence(acknowledged);
    }

    @Test
    void aFormerLeaderWithAnUncommittedTailRejoinsAndLosesTheTail() {
        Cluster c = Cluster.builder(13).voters(3).build();
        long old = establish(c);
        List<Long> acknowledged = commit(c, old, 3);
        c.isolate(old);
        List<Long> tail = c.propose(old, 4); // logged by the old leader alone: never committed
        c.runFor(200);
        c.crash(old);
        c.heal();
        long next = establish(c);
        List<Long> later = commit(c, next, 3);
        c.restart(old);
        converge(c);
        List<Long> committed = committedWrites(c);
        assertThat(committed).containsSubsequence(acknowledged).containsSubsequence(later);
        assertThat(committed).doesNotContainAnyElementsOf(tail);
        assertThat(writeIds(c.applied(old))).as("the old leader dropped its tail").isEqualTo(committed);
    }

    @Test
    void theServerWithTheNewestHistoryIsDownDuringAnElectionAndComesBack() {
        Cluster c = Cluster.builder(14).voters(3).build();
        long leader = establish(c);
        long behind = otherThan(c, leader);
        long withLeader = thirdOf(c, leader, behind);
        c.isolate(behind);
        List<Long> acknowledged = commit(c, leader, 6); // held by leader and withLeader only
        c.crash(leader);
        c.crash(withLeader);
        c.heal();
        c.runFor(5_000);
        assertThat(c.leader()).as("%d alone is no quorum", behind).isEmpty();
        c.restart(withLeader);
        long elected = establish(c);
        assertThat(elected).as("the newest history wins over the higher id or the fresher server")
                .isEqualTo(withLeader);
        c.restart(leader);
        converge(c);
        assertThat(committedWrites(c)).containsSubsequence(acknowledged);
    }

    @Test
    void aPartitionedOldLeaderCannotCommitAndRejoinsTheNewEpoch() {
        Cluster c = Cluster.builder(15).voters(5).build();
        long old = establish(c);
        List<Long> acknowledged = commit(c, old, 4);
        long companion = otherThan(c, old);
        Set<Long> minority = Set.of(old, companion);
        Set<Long> majority = new java.util.TreeSet<>(c.voters());
        majority.removeAll(minority);
        c.partition(minority, majority);
        List<Long> stranded = c.propose(old, 3);
        assertThat(c.runUntil(x -> x.leader().isPresent() && majority.contains(x.leader().getAsLong()), MINUTE_MS))
                .as("the majority elects a leader").isTrue();
        long next = c.leader().getAsLong();
        assertThat(c.core(next).currentEpoch()).isGreaterThan(c.core(old).currentEpoch());
        List<Long> later = commit(c, next, 4);
        assertThat(c.runUntil(x -> x.core(old).state() != ServerState.LEADING, MINUTE_MS))
                .as("the old leader steps down without a quorum").isTrue();
        c.heal();
        converge(c);
        List<Long> committed = committedWrites(c);
        assertThat(committed).containsSubsequence(acknowledged).containsSubsequence(later);
        assertThat(committed).doesNotContainAnyElementsOf(stranded);
    }

    @Test
    void anExhaustedCounterStartsANewEpochAndLosesNothing() {
        Cluster c = Cluster.builder(16).voters(3).configure(config -> config.withCounterMax(4)).build();
        List<Long> acknowledged = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long leader = establish(c);
            for (long writeId : c.propose(leader, 3)) {
                acknowledged.add(writeId);
            }
            c.runUntil(x -> x.checker().isCommitted(acknowledged.get(acknowledged.size() - 1))
                    || x.leader().isEmpty(), MINUTE_MS);
        }
        converge(c);
        List<Entry> history = c.checker().committed();
        long epochs = history.stream().mapToLong(e -> Zxid.epoch(e.zxid())).distinct().count();
        assertThat(epochs).as("no epoch holds more than 4 transactions").isGreaterThanOrEqualTo(3);
        for (Entry e : history) {
            assertThat(Zxid.counter(e.zxid())).isBetween(1L, 4L);
        }
        // the writes refused as EPOCH_EXHAUSTED were never committed; all others were
        List<Long> committed = committedWrites(c);
        for (long writeId : committed) {
            assertThat(acknowledged).contains(writeId);
        }
        assertThat(committed).isSorted();
    }

    @Test
    void replicatedServersExpireASessionAfterTheirLeaderCrashesAndEveryTreeAgrees() throws Exception {
        Cluster c = Cluster.builder(17).voters(3).replicatedServers(true).build();
        long first = establish(c);
        List<Long> acknowledged = commit(c, first, 6); // every third one ephemeral
        c.crash(first);
        long second = establish(c);
        assertThat(second).isNotEqualTo(first);
        // nobody pings the session: the new leader expires it, deleting its ephemeral nodes
        assertThat(c.runUntil(x -> closesASession(x.checker().committed()), MINUTE_MS)).as("a session expires")
                .isTrue();
        c.restart(first);
        converge(c);
        assertThat(committedWrites(c)).containsSubsequence(acknowledged);
        assertThat(Zxid.epoch(c.checker().committed().get(c.checker().committedCount() - 1).zxid()))
                .isEqualTo(c.core(second).currentEpoch());
    }

    private static boolean closesASession(List<Entry> history) {
        for (Entry e : history) {
            try {
                if (io.warden.tree.TxnCodec.decode(e.payload()).op() instanceof io.warden.tree.TxnOp.CloseSession) {
                    return true;
                }
            } catch (io.warden.wire.WireFormatException ex) {
                throw new AssertionError(ex);
            }
        }
        return false;
    }

    // ---- helpers ----

    private static long establish(Cluster c) {
        assertThat(c.runUntil(x -> x.leader().isPresent(), 2 * MINUTE_MS)).as("a leader is established, seed %d",
                c.seed()).isTrue();
        return c.leader().getAsLong();
    }

    /** Proposes {@code count} writes at {@code leader} and runs until all are committed. */
    private static List<Long> commit(Cluster c, long leader, int count) {
        List<Long> writes = c.propose(leader, count);
        long last = writes.get(writes.size() - 1);
        assertThat(c.runUntil(x -> x.checker().isCommitted(last), MINUTE_MS)).as("writes %s commit", writes).isTrue();
        return writes;
    }

    private static void converge(Cluster c) {
        assertThat(c.runUntil(Cluster::converged, 2 * MINUTE_MS)).as("every server applies the whole history")
                .isTrue();
        c.checkConverged();
    }

    /** Following {@code leader}, past accepting its epoch, not yet up to date. */
    private static boolean syncingWith(Cluster c, long follower, long leader) {
        ZabCore core = c.core(follower);
        return core.state() == ServerState.FOLLOWING && core.leaderId() == leader && !core.isUpToDate()
                && core.acceptedEpoch() == c.core(leader).currentEpoch();
    }

    private static long leadingButNotEstablished(Cluster c) {
        for (long id : c.voters()) {
            if (c.isRunning(id) && c.core(id).state() == ServerState.LEADING && !c.core(id).isEstablishedLeader()) {
                return id;
            }
        }
        return 0;
    }

    private static long otherThan(Cluster c, long id) {
        for (long v : c.voters()) {
            if (v != id) {
                return v;
            }
        }
        throw new AssertionError();
    }

    private static long thirdOf(Cluster c, long a, long b) {
        for (long v : c.voters()) {
            if (v != a && v != b) {
                return v;
            }
        }
        throw new AssertionError();
    }

    private static List<Long> committedWrites(Cluster c) {
        return writeIds(c.checker().committed());
    }

    private static List<Long> writeIds(List<Entry> entries) {
        List<Long> ids = new ArrayList<>();
        for (Entry e : entries) {
            long id = Payloads.writeId(e.payload());
            if (id >= 0) {
                ids.add(id);
            }
        }
        return ids;
    }
}
