package io.warden.testkit.linearizability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Records a history from many client threads. Call {@link #invoke} before sending a request and one
 * of {@link #ok}, {@link #fail} or {@link #unknown} after its outcome is known; each reads the clock
 * at the call, so the recorded interval contains the real one. Operation ids are 0, 1, 2… in
 * invocation order. Thread-safe.
 *
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public final class HistoryRecorder<I, O> {
    private final LongSupplier clockNanos;
    private final List<Operation<I, O>> operations = new ArrayList<>();
    private final BitSet finished = new BitSet();

    /** A recorder timing operations with {@link System#nanoTime()}. */
    public HistoryRecorder() {
        this(System::nanoTime);
    }

    /** A recorder timing operations with {@code clockNanos}, which must never go back. */
    public HistoryRecorder(LongSupplier clockNanos) {
        this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    }

    /** Records that {@code clientId} invokes {@code input} now; returns the operation's id. */
    public synchronized long invoke(long clientId, I input) {
        long id = operations.size();
        operations.add(Operation.unknown(id, clientId, input, clockNanos.getAsLong()));
        return id;
    }

    /** Records that the operation completed now with {@code output}. */
    public void ok(long opId, O output) {
        complete(opId, Objects.requireNonNull(output, "output"));
    }

    /**
     * Records that the operation completed now with {@code output} saying it failed and definitely did
     * not take effect (a refused compare-and-set, say). For the checker this is an ordinary completion;
     * an outcome in doubt is {@link #unknown}.
     */
    public void fail(long opId, O output) {
        complete(opId, Objects.requireNonNull(output, "output"));
    }

    /** Records that the operation's outcome is unknown (timeout, lost connection): it may or may not take effect. */
    public synchronized void unknown(long opId) {
        finish(opId);
    }

    /**
     * The operations recorded so far, in invocation order. Operations invoked but not finished yet are
     * included with an unknown outcome.
     */
    public synchronized List<Operation<I, O>> history() {
        return List.copyOf(operations);
    }

    private synchronized void complete(long opId, O output) {
        Operation<I, O> invoked = finish(opId);
        operations.set((int) opId, Operation.completed(invoked.id(), invoked.clientId(), invoked.input(),
                invoked.invocationTimeNanos(), output, clockNanos.getAsLong()));
    }

    private Operation<I, O> finish(long opId) {
        if (opId < 0 || opId >= operations.size()) {
            throw new IllegalArgumentException("no operation " + opId + " was invoked");
        }
        if (finished.get((int) opId)) {
            throw new IllegalStateException("operation " + opId + " already finished: " + operations.get((int) opId));
        }
        finished.set((int) opId);
        return operations.get((int) opId);
    }
}
