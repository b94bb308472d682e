package io.warden.testkit;

import java.util.List;

/**
 * A run broke an invariant (or did not make progress). The message holds everything needed to
 * look into it: the invariant, the seed and how to replay it, the step and simulated time, and
 * the last lines of the run's trace.
 */
public final class SimulationViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long step;
    private final long timeMs;
    private final String invariant;

    SimulationViolation(long seed, long step, long timeMs, String invariant, String detail, String replayHint,
            List<String> traceTail, Throwable cause) {
        super(message(seed, step, timeMs, invariant, detail, replayHint, traceTail), cause);
        this.seed = seed;
        this.step = step;
        this.timeMs = timeMs;
        this.invariant = invariant;
    }

    private static String message(long seed, long step, long timeMs, String invariant, String detail,
            String replayHint, List<String> traceTail) {
        StringBuilder text = new StringBuilder();
        text.append("violated: ").append(invariant).append('\n');
        text.append("  ").append(detail).append('\n');
        text.append("  seed ").append(seed).append(", step ").append(step).append(", simulated time ")
                .append(timeMs).append(" ms\n");
        text.append("  replay: ").append(replayHint).append('\n');
        text.append("  last ").append(traceTail.size()).append(" trace lines:\n");
        for (String line : traceTail) {
            text.append("    ").append(line).append('\n');
        }
        return text.toString();
    }

    public long seed() {
        return seed;
    }

    public long step() {
        return step;
    }

    public long timeMs() {
        return timeMs;
    }

    /** The name of the broken invariant. */
    public String invariant() {
        return invariant;
    }

    /** True for a broken safety property (as opposed to a run that stopped making progress). */
    public boolean isSafety() {
        return Invariants.isSafety(invariant);
    }
}
