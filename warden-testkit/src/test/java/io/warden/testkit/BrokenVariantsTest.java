package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.zab.Quorum;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Proves the checker can fail: runs broken on purpose must be caught breaking a safety invariant. */
class BrokenVariantsTest {
    private static final int SEEDS = 300;
    private static final List<FaultMix> CRASHES_AND_PARTITIONS = List.of(FaultMix.CRASHES, FaultMix.PARTITIONS,
            FaultMix.EVERYTHING);

    /** Any non-empty set holding a voter passes for a quorum. */
    private static Quorum anyVoter(Set<Long> voters) {
        Quorum real = Quorum.majority(voters);
        return new Quorum() {
            @Override
            public boolean isQuorum(Set<Long> ids) {
                for (Long id : ids) {
                    if (real.isVoter(id)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean isVoter(long id) {
                return real.isVoter(id);
            }
        };
    }

    @Test
    void aQuorumOfOneIsCaught() {
        Variant broken = new Variant("any voter is a quorum", config -> config.withQuorum(anyVoter(config.voters())),
                false, Variant.Hosts.DRAWN, CRASHES_AND_PARTITIONS);

        SimulationViolation caught = firstSafetyViolation(broken);

        assertThat(caught).as("a safety violation within %d seeds", SEEDS).isNotNull();
    }

    @Test
    void aLyingDiskIsCaught() {
        Variant broken = new Variant("lying disk", UnaryOperator.identity(), true, Variant.Hosts.BARE_CORES,
                CRASHES_AND_PARTITIONS);

        SimulationViolation caught = firstSafetyViolation(broken);

        assertThat(caught).as("a safety violation within %d seeds", SEEDS).isNotNull();
    }

    private static SimulationViolation firstSafetyViolation(Variant variant) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                new Simulation(seed, variant, null).run();
            } catch (SimulationViolation violation) {
                if (violation.isSafety()) {
                    System.out.println("BrokenVariantsTest: '" + variant.name() + "' caught by seed " + seed + ": "
                            + violation.invariant() + "\n" + violation.getMessage());
                    return violation;
                }
                System.out.println("BrokenVariantsTest: '" + variant.name() + "' seed " + seed
                        + " failed, but not on a safety invariant: " + violation.invariant());
            }
        }
        return null;
    }
}
