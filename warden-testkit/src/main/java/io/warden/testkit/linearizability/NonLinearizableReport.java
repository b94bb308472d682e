package io.warden.testkit.linearizability;

import java.util.List;

/**
 * Explains why a history is not linearizable, from the deepest dead end of the search: the longest
 * start of a linearization it found, the state that start leaves, and the operations that could not
 * come next. Long lists are cut to their last (placed) or first (candidates) few lines.
 */
final class NonLinearizableReport<S, I, O> {
    static final int MAX_LINES_PER_LIST = 10;

    private final List<Operation<I, O>> history;
    private final Model<S, I, O> model;
    private final OperationFormat format;

    NonLinearizableReport(List<Operation<I, O>> history, Model<S, I, O> model) {
        this.history = history;
        this.model = model;
        long origin = history.stream().mapToLong(Operation::invocationTimeNanos).min().orElse(0);
        this.format = new OperationFormat(origin);
    }

    String explain(String summary, DeadEnd<S> deadEnd) {
        StringBuilder text = new StringBuilder("not linearizable: ").append(summary)
                .append(" (times in ns since the first invocation).\n");
        List<Integer> placed = deadEnd.placedInOrder();
        if (placed.isEmpty()) {
            text.append("Not even a first operation fits the initial state ")
                    .append(model.describe(deadEnd.state())).append(".\n");
        } else {
            text.append("The longest linearizable start found places ").append(placed.size())
                    .append(placed.size() == 1 ? " operation" : " operations").append(", in this order:\n");
            int skipped = Math.max(0, placed.size() - MAX_LINES_PER_LIST);
            if (skipped > 0) {
                text.append("  ... ").append(skipped).append(" earlier operations\n");
            }
            for (int operation : placed.subList(skipped, placed.size())) {
                line(text, operation);
            }
            text.append("leaving the state ").append(model.describe(deadEnd.state())).append(".\n");
        }
        text.append("No operation that could come next fits that state:\n");
        List<Integer> candidates = deadEnd.candidates();
        for (int operation : candidates.subList(0, Math.min(candidates.size(), MAX_LINES_PER_LIST))) {
            line(text, operation);
        }
        if (candidates.size() > MAX_LINES_PER_LIST) {
            text.append("  ... ").append(candidates.size() - MAX_LINES_PER_LIST).append(" more\n");
        }
        text.append("and ").append(format.describe(history.get(deadEnd.overdueOperation())))
                .append(" completed, so it cannot wait for any later operation.");
        return text.toString();
    }

    private void line(StringBuilder text, int operation) {
        text.append("  ").append(format.describe(history.get(operation))).append('\n');
    }
}
