package io.warden.testkit.linearizability;

import java.util.ArrayList;
import java.util.List;

/** Builds hand-written histories; operation ids are 0, 1, 2… in the order they are added. */
final class HistoryBuilder<I, O> {
    private final List<Operation<I, O>> operations = new ArrayList<>();

    HistoryBuilder<I, O> ok(long clientId, I input, long invocationTimeNanos, O output, long completionTimeNanos) {
        operations.add(Operation.completed(
                operations.size(), clientId, input, invocationTimeNanos, output, completionTimeNanos));
        return this;
    }

    HistoryBuilder<I, O> unknown(long clientId, I input, long invocationTimeNanos) {
        operations.add(Operation.unknown(operations.size(), clientId, input, invocationTimeNanos));
        return this;
    }

    List<Operation<I, O>> build() {
        return List.copyOf(operations);
    }
}
