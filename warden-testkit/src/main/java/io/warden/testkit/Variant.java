package io.warden.testkit;

import io.warden.zab.ZabConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a simulated run changes from the real thing: nothing, or something broken on purpose to
 * show the checker notices.
 *
 * @param configure applied to each core's configuration after the run's plan
 * @param lyingDisk disks report syncs they did not do
 * @param mixes the fault mixes a run draws from
 */
record Variant(String name, UnaryOperator<ZabConfig> configure, boolean lyingDisk, List<FaultMix> mixes) {

    /** The real core on honest disks, under every fault mix. */
    static final Variant CORRECT = new Variant("correct", UnaryOperator.identity(), false, List.of(FaultMix.values()));

    Variant {
        mixes = List.copyOf(mixes);
        if (mixes.isEmpty()) {
            throw new IllegalArgumentException("a variant needs a fault mix");
        }
    }
}
