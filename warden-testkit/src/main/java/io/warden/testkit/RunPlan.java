package io.warden.testkit;

import io.warden.zab.ZabConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one simulated run looks like, all drawn from its seed: the ensemble, the cores' limits,
 * the faults and the pace of the workload.
 *
 * @param counterMax the cores' counterMax; 0 to keep the default
 * @param inFlightMax the cores' proposalsInFlightMax
 * @param batchMax the cores' syncBatchMax
 * @param faultPhaseMs how long faults are injected before everything heals
 * @param writeIntervalMs the mean time between two client requests
 * @param faultIntervalMs the mean time between two injected faults
 * @param messageBytesMax the cores' messageBytesMax (bare cores' payloads are 8 bytes, replicated
 *     servers' encoded transactions some tens to hundreds, so a small one splits batches and
 *     backlogs into several messages)
 */
record RunPlan(int voters, int observers, FaultMix mix, LinkFaults linkFaults, long counterMax, int initLimitTicks,
        int syncLimitTicks, int inFlightMax, int batchMax, long faultPhaseMs, int writeIntervalMs,
        int faultIntervalMs, int messageBytesMax) {

    static final int FAULT_PHASE_MIN_MS = 20_000;
    static final int FAULT_PHASE_MAX_MS = 60_000;

    static RunPlan draw(Dice dice, List<FaultMix> mixes) {
        int roll = dice.below(20);
        int voters = roll < 9 ? 3 : roll < 16 ? 5 : 7;
        int observers = dice.chance(0.25) ? dice.between(1, 2) : 0;
        FaultMix mix = dice.pick(mixes);
        double drop = mix.lossy() ? dice.probability(0.005, 0.05) : 0;
        double duplicate = mix.reordering() ? dice.probability(0.01, 0.1) : 0;
        double reorder = mix.reordering() ? dice.probability(0.05, 0.3) : 0;
        int reorderDelayMaxMs = mix.reordering() ? dice.between(20, 300) : 0;
        long counterMax = dice.chance(0.25) ? dice.between(5, 50) : 0;
        int initLimitTicks = dice.between(5, 15);
        int syncLimitTicks = dice.between(3, 8);
        int inFlightMax = dice.chance(0.3) ? dice.between(2, 50) : ZabConfig.PROPOSALS_IN_FLIGHT_MAX_DEFAULT;
        int batchMax = dice.chance(0.4) ? dice.between(1, 20) : ZabConfig.SYNC_BATCH_MAX_DEFAULT;
        long faultPhaseMs = dice.between(FAULT_PHASE_MIN_MS, FAULT_PHASE_MAX_MS);
        int writeIntervalMs = dice.between(5, 150);
        int faultIntervalMs = dice.between(300, 3000);
        // drawn last, so that the draws before it are those of the seeds recorded before it existed
        int messageBytesMax = dice.chance(0.3) ? dice.between(8, 200) : ZabConfig.MESSAGE_BYTES_MAX_DEFAULT;
        return new RunPlan(voters, observers, mix, new LinkFaults(drop, duplicate, reorder, reorderDelayMaxMs),
                counterMax, initLimitTicks, syncLimitTicks, inFlightMax, batchMax, faultPhaseMs, writeIntervalMs,
                faultIntervalMs, messageBytesMax);
    }

    /** The cores' configuration for this run. */
    UnaryOperator<ZabConfig> configure() {
        return config -> {
            ZabConfig limited = config.withLimits(initLimitTicks, syncLimitTicks, inFlightMax, batchMax)
                    .withMessageBytesMax(messageBytesMax);
            return counterMax == 0 ? limited : limited.withCounterMax(counterMax);
        };
    }

    String describe() {
        return voters + " voters + " + observers + " observers, faults " + mix + " " + linkFaults
                + ", counterMax " + (counterMax == 0 ? "default" : counterMax) + ", limits init " + initLimitTicks
                + " sync " + syncLimitTicks + " inFlight " + inFlightMax + " batch " + batchMax + " message bytes "
                + messageBytesMax + ", fault phase "
                + faultPhaseMs + " ms, a write every ~" + writeIntervalMs + " ms, a fault every ~" + faultIntervalMs
                + " ms";
    }
}
