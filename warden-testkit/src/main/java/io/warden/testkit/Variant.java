package io.warden.testkit;

import io.warden.zab.ZabConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a simulated run changes from the real thing: nothing, or something broken on purpose to
 * show the checker notices; and which servers it hosts.
 *
 * @param configure applied to each core's configuration after the run's plan
 * @param lyingDisk disks report syncs they did not do (bare cores only)
 * @param hosts what the servers run
 * @param mixes the fault mixes a run draws from
 */
record Variant(String name, UnaryOperator<ZabConfig> configure, boolean lyingDisk, Hosts hosts, List<FaultMix> mixes) {

    /** What a run's servers host. */
    enum Hosts {
        /** Drawn from the seed: a quarter of the runs replicated servers, the rest bare cores. */
        DRAWN,
        /** Bare consensus cores whose records go to simulated disks of records ({@link SimDisk}). */
        BARE_CORES,
        /**
         * Replicated servers with real trees whose records go through the real storage code on
         * simulated file stores ({@link ReplicaFiles}).
         */
        REPLICATED_SERVERS
    }

    /** The real core on honest disks, under every fault mix, hosts drawn from the seed. */
    static final Variant CORRECT = new Variant("correct", UnaryOperator.identity(), false, Hosts.DRAWN,
            List.of(FaultMix.values()));

    /** Replicated servers on the real storage code, always, under the fault mixes that crash servers. */
    static final Variant REPLICATED_ON_FILES = new Variant("replicated servers on the real files",
            UnaryOperator.identity(), false, Hosts.REPLICATED_SERVERS, List.of(FaultMix.CRASHES, FaultMix.EVERYTHING));

    Variant {
        mixes = List.copyOf(mixes);
        if (mixes.isEmpty()) {
            throw new IllegalArgumentException("a variant needs a fault mix");
        }
        if (lyingDisk && hosts != Hosts.BARE_CORES) {
            throw new IllegalArgumentException("a lying disk holds records for bare cores only");
        }
    }
}
