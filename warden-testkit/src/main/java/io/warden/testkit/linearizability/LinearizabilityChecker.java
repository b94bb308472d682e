package io.warden.testkit.linearizability;

import io.warden.testkit.linearizability.CheckResult.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a history is linearizable against a model: whether some total order of its
 * operations respects real time (an operation that completed before another was invoked comes first)
 * and is accepted by the model, step by step, each completed operation with its recorded output. An
 * operation with an unknown outcome may take effect at any point after its invocation, or never.
 *
 * <p>The search can take time exponential in the number of concurrent operations, so it is bounded:
 * after {@code maxSteps} search steps (one step is one operation tried as the next one, or one taken
 * back), {@link #DEFAULT_MAX_STEPS} unless given, it stops with {@link Verdict#UNKNOWN}. Memory grows
 * with the steps too: each step can remember an explored (placed operations, state) pair, some tens
 * of bytes plus the state. For scale: random histories of up to 12 clients and 86 operations with
 * unknown outcomes take at most about 250,000 steps to refute in this module's tests.
 *
 * <p>When operations on different keys (registers, znodes) are independent, {@link #checkEachKey}
 * checks each key's history on its own: a history is linearizable exactly when each key's is, and
 * the small searches are far cheaper than one big one.
 */
public final class LinearizabilityChecker {
    /** The default bound on search steps. */
    public static final long DEFAULT_MAX_STEPS = 5_000_000;

    private LinearizabilityChecker() {
    }

    /** Checks {@code history} against {@code model} within {@link #DEFAULT_MAX_STEPS} steps. */
    public static <S, I, O> CheckResult check(List<Operation<I, O>> history, Model<S, I, O> model) {
        return check(history, model, DEFAULT_MAX_STEPS);
    }

    /** Checks {@code history} against {@code model} within {@code maxSteps} search steps. */
    public static <S, I, O> CheckResult check(List<Operation<I, O>> history, Model<S, I, O> model, long maxSteps) {
        Objects.requireNonNull(model, "model");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be positive, got " + maxSteps);
        }
        return new LinearizationSearch<>(List.copyOf(history), model, maxSteps).run();
    }

    /**
     * Checks the history of each key (register, znode) on its own against {@code model}, within {@link
     * #DEFAULT_MAX_STEPS} steps per key.
     */
    public static <K, S, I, O> CheckResult checkEachKey(
            Map<K, ? extends List<Operation<I, O>>> historyByKey, Model<S, I, O> model) {
        return checkEachKey(historyByKey, model, DEFAULT_MAX_STEPS);
    }

    /**
     * Checks the history of each key (register, znode) on its own against {@code model}, each within
     * {@code maxSteps} search steps. This is exact when operations on different keys are independent.
     * The result is that of the first key (in the map's order) found not linearizable, else unknown if
     * some key's search gave up, else linearizable; its explanation names the key, and its steps are
     * summed over the keys checked.
     */
    public static <K, S, I, O> CheckResult checkEachKey(
            Map<K, ? extends List<Operation<I, O>>> historyByKey, Model<S, I, O> model, long maxSteps) {
        long steps = 0;
        int operations = 0;
        String firstGiveUp = null;
        for (Map.Entry<K, ? extends List<Operation<I, O>>> key : historyByKey.entrySet()) {
            CheckResult result = check(key.getValue(), model, maxSteps);
            steps += result.searchSteps();
            operations += key.getValue().size();
            String explanation = "key " + key.getKey() + ": " + result.explanation();
            if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
                return new CheckResult(Verdict.NOT_LINEARIZABLE, explanation, steps);
            }
            if (result.verdict() == Verdict.UNKNOWN && firstGiveUp == null) {
                firstGiveUp = explanation;
            }
        }
        if (firstGiveUp != null) {
            return new CheckResult(Verdict.UNKNOWN, firstGiveUp, steps);
        }
        return new CheckResult(Verdict.LINEARIZABLE, "linearizable: " + historyByKey.size() + " keys, "
                + operations + " operations, " + steps + " search steps", steps);
    }
}
