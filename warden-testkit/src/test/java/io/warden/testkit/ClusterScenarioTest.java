package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scripted harness itself: a few plain scenarios that exercise its API. */
class ClusterScenarioTest {

    private static boolean committed(Cluster cluster, List<Long> writes) {
        return writes.stream().allMatch(cluster.checker()::isCommitted);
    }

    @Test
    void electsCommitsAndSurvivesTheLeadersCrash() {
        Cluster cluster = Cluster.builder(11).voters(3).build();

        assertThat(cluster.runUntil(c -> c.leader().isPresent(), 10_000)).isTrue();
        long first = cluster.leader().getAsLong();
        List<Long> writes = cluster.propose(first, 3);
        assertThat(cluster.runUntil(c -> committed(c, writes), 5_000)).isTrue();

        cluster.crash(first);
        assertThat(cluster.runUntil(c -> c.leader().isPresent() && c.leader().getAsLong() != first, 20_000)).isTrue();
        List<Long> more = cluster.propose(cluster.leader().getAsLong(), 2);
        assertThat(cluster.runUntil(c -> committed(c, more), 5_000)).isTrue();

        cluster.restart(first);
        assertThat(cluster.runUntil(Cluster::converged, 20_000)).isTrue();
        cluster.checkConverged();
        assertThat(cluster.checker().committed()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(cluster.applied(first)).hasSameSizeAs(cluster.checker().committed());
    }

    @Test
    void anIsolatedLeaderIsReplacedAndCatchesUpAfterHealing() {
        Cluster cluster = Cluster.builder(12).voters(5).observers(1).build();
        assertThat(cluster.runUntil(c -> c.leader().isPresent(), 10_000)).isTrue();
        long old = cluster.leader().getAsLong();

        cluster.isolate(old);
        assertThat(cluster.runUntil(c -> c.leader().isPresent() && c.leader().getAsLong() != old, 30_000)).isTrue();
        List<Long> writes = cluster.propose(cluster.leader().getAsLong(), 4);
        assertThat(cluster.runUntil(c -> committed(c, writes), 5_000)).isTrue();

        cluster.heal();
        assertThat(cluster.runUntil(Cluster::converged, 30_000)).isTrue();
        cluster.checkConverged();
    }

    @Test
    void partitionsAndOneWayBlocksHeal() {
        Cluster cluster = Cluster.builder(13).voters(3).build();
        assertThat(cluster.runUntil(c -> c.leader().isPresent(), 10_000)).isTrue();

        cluster.partition(Set.of(1L), Set.of(2L, 3L));
        cluster.block(2, 3);
        cluster.runFor(3_000);
        cluster.heal();

        assertThat(cluster.runUntil(c -> c.leader().isPresent(), 30_000)).isTrue();
        List<Long> writes = cluster.propose(cluster.leader().getAsLong(), 1);
        assertThat(cluster.runUntil(c -> committed(c, writes) && c.converged(), 30_000)).isTrue();
    }

    @Test
    void aNonLeaderRejectsWritesAndTheyStayUncommitted() {
        Cluster cluster = Cluster.builder(14).voters(3).build();
        assertThat(cluster.runUntil(c -> c.leader().isPresent(), 10_000)).isTrue();
        long follower = cluster.ids().stream().filter(id -> id != cluster.leader().getAsLong()).findFirst().orElseThrow();

        List<Long> writes = cluster.propose(follower, 2);
        cluster.runFor(2_000);

        assertThat(writes).noneMatch(cluster.checker()::isCommitted);
        assertThat(cluster.takeRejected(10)).containsAll(writes);
    }

    @Test
    void violationsNameTheSeedStepAndTrace() {
        Cluster cluster = Cluster.builder(15).voters(3).build();
        assertThat(cluster.runUntil(c -> c.leader().isPresent(), 10_000)).isTrue();

        SimulationViolation violation = cluster.violation(Invariants.LIVENESS, "made up for the test", null);

        assertThat(violation.seed()).isEqualTo(15);
        assertThat(violation.getMessage()).contains("seed 15", "step " + cluster.steps(), "Cluster.builder(15)",
                "trace lines", "made up for the test");
        assertThatThrownBy(() -> cluster.restart(cluster.leader().getAsLong())).isInstanceOf(IllegalStateException.class);
    }
}
