package io.warden.testkit.linearizability;

/**
 * Writes an operation on one line for explanations, such as
 * {@code #3 client 2: read() -> 7 [120 .. 180 ns]}, with times relative to an origin.
 */
final class OperationFormat {
    static final OperationFormat ABSOLUTE = new OperationFormat(0);

    private final long originNanos;

    /** Times are shown as nanoseconds since {@code originNanos}. */
    OperationFormat(long originNanos) {
        this.originNanos = originNanos;
    }

    String describe(Operation<?, ?> operation) {
        StringBuilder text = new StringBuilder()
                .append('#').append(operation.id())
                .append(" client ").append(operation.clientId())
                .append(": ").append(operation.input())
                .append(" -> ");
        if (operation.isUnknown()) {
            text.append("unknown outcome [").append(operation.invocationTimeNanos() - originNanos).append(" ns ..]");
        } else {
            text.append(operation.output())
                    .append(" [").append(operation.invocationTimeNanos() - originNanos)
                    .append(" .. ").append(operation.completionTimeNanos() - originNanos).append(" ns]");
        }
        return text.toString();
    }
}
