package io.warden.testkit.linearizability;

import java.util.Objects;

/**
 * The checker's verdict on a history, with an explanation fit for an assertion message.
 *
 * @param verdict linearizable, not linearizable, or unknown because the search hit its step bound
 * @param explanation one line for a linearizable history; for a non-linearizable one, the longest
 *     linearizable start the search found and the operations that could not come next
 * @param searchSteps how many search steps the check took (summed over keys for a keyed check)
 */
public record CheckResult(Verdict verdict, String explanation, long searchSteps) {

    /** What the checker concluded. */
    public enum Verdict {
        /** Some order of the operations respects real time and the model. */
        LINEARIZABLE,
        /** No order does. */
        NOT_LINEARIZABLE,
        /** The search reached its bound of steps before deciding: the history is too big or too concurrent. */
        UNKNOWN
    }

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explanation, "explanation");
    }

    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    @Override
    public String toString() {
        return verdict + ": " + explanation;
    }
}
