package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Leadership transfers in simulated ensembles: bare cores and replicated servers with real trees. */
class LeadershipTransferScenarioTest {

    private static boolean committed(Cluster cluster, List<Long> writes) {
        return writes.stream().allMatch(cluster.checker()::isCommitted);
    }

    @Test
    void theNamedVoterLeadsNextAndEveryAcknowledgedWriteSurvives() {
        for (boolean replicated : new boolean[] {false, true}) {
            long seed = replicated ? 22 : 21;
            Cluster cluster = Cluster.builder(seed).voters(5).observers(1).replicatedServers(replicated).build();
            assertThat(cluster.runUntil(c -> c.leader().isPresent(), 10_000)).as("seed %d", seed).isTrue();
            long old = cluster.leader().getAsLong();
            long target = old == 1 ? 2 : 1;
            List<Long> writes = cluster.propose(old, 5);
            assertThat(cluster.runUntil(c -> committed(c, writes), 5_000)).as("seed %d", seed).isTrue();
            long epoch = cluster.core(old).currentEpoch();

            cluster.transferLeadership(old, target);

            assertThat(cluster.runUntil(c -> c.leader().isPresent() && c.leader().getAsLong() == target, 10_000))
                    .as("seed %d: server %d leads", seed, target).isTrue();
            assertThat(cluster.core(target).currentEpoch()).as("seed %d", seed).isEqualTo(epoch + 1);
            List<Long> more = cluster.propose(target, 3);
            assertThat(cluster.runUntil(c -> committed(c, more), 5_000)).as("seed %d", seed).isTrue();
            assertThat(cluster.runUntil(Cluster::converged, 20_000)).as("seed %d", seed).isTrue();
            cluster.checkConverged();
            assertThat(cluster.checker().acknowledgedCount()).as("seed %d", seed).isGreaterThanOrEqualTo(8);
        }
    }
}
