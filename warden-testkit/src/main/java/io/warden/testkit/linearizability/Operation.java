package io.warden.testkit.linearizability;

import java.util.Objects;

/**
 * One client operation of a history: who invoked what, when, and how it completed.
 *
 * <p>A completed operation has an output and a completion time. An operation whose outcome is
 * unknown (the client timed out or lost its connection) has neither: {@code output} is {@code null}
 * and {@code completionTimeNanos} is {@link #UNKNOWN_COMPLETION_NANOS}; it may have taken effect at
 * any point after its invocation, or never. An operation that definitely failed (say, a
 * compare-and-set the server refused) is completed, with the output that says so.
 *
 * <p>Times are from one clock (normally {@link System#nanoTime()} of the recording JVM). The
 * invocation time must be taken before the request was sent and the completion time after the
 * response arrived. Two operations count as concurrent when one's completion time equals the
 * other's invocation time.
 *
 * @param id identifies the operation in explanations; the checker does not need it to be unique
 * @param clientId the client (session, thread) that invoked it
 * @param input what was asked, in the model's input type
 * @param invocationTimeNanos when the operation was invoked
 * @param output what the operation returned; {@code null} exactly when the outcome is unknown
 * @param completionTimeNanos when the response arrived; {@link #UNKNOWN_COMPLETION_NANOS} exactly when
 *     the outcome is unknown
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record Operation<I, O>(
        long id, long clientId, I input, long invocationTimeNanos, O output, long completionTimeNanos) {

    /** The completion time of an operation whose outcome is unknown: it may take effect any time later. */
    public static final long UNKNOWN_COMPLETION_NANOS = Long.MAX_VALUE;

    public Operation {
        Objects.requireNonNull(input, "input");
        if ((output == null) != (completionTimeNanos == UNKNOWN_COMPLETION_NANOS)) {
            throw new IllegalArgumentException("operation " + id + ": an output needs a completion time and an"
                    + " unknown outcome needs both absent, got output " + output + " at " + completionTimeNanos);
        }
        if (completionTimeNanos < invocationTimeNanos) {
            throw new IllegalArgumentException("operation " + id + " completes at " + completionTimeNanos
                    + " ns, before its invocation at " + invocationTimeNanos + " ns");
        }
    }

    /** An operation that completed with {@code output} at {@code completionTimeNanos}. */
    public static <I, O> Operation<I, O> completed(
            long id, long clientId, I input, long invocationTimeNanos, O output, long completionTimeNanos) {
        Objects.requireNonNull(output, "output");
        return new Operation<>(id, clientId, input, invocationTimeNanos, output, completionTimeNanos);
    }

    /** An operation whose outcome is unknown: it may take effect any time after its invocation, or never. */
    public static <I, O> Operation<I, O> unknown(long id, long clientId, I input, long invocationTimeNanos) {
        return new Operation<>(id, clientId, input, invocationTimeNanos, null, UNKNOWN_COMPLETION_NANOS);
    }

    /** Whether the outcome is unknown (no output, no completion time). */
    public boolean isUnknown() {
        return output == null;
    }

    @Override
    public String toString() {
        return OperationFormat.ABSOLUTE.describe(this);
    }
}
