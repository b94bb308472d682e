package io.warden.server;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Count, sum, min and max of values one thread records and others read (fsync times, snapshot
 * durations, batch sizes). Recording and reading are synchronized: a reader sees a consistent
 * snapshot. Listeners (a Prometheus summary, say) are told each value as it is recorded.
 */
public final class ValueSummary {
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private long count;
    private long sum;
    private long min;
    private long max;

    /** Records one value (negative values are recorded as 0: a clock stepped back). */
    public void record(long value) {
        long recorded = Math.max(0, value);
        synchronized (this) {
            min = count == 0 ? recorded : Math.min(min, recorded);
            max = Math.max(max, recorded);
            sum += recorded;
            count++;
        }
        for (LongConsumer listener : listeners) {
            listener.accept(recorded);
        }
    }

    /** Tells {@code listener} every value recorded from now on. */
    public void addListener(LongConsumer listener) {
        listeners.add(listener);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(count, sum, min, max);
    }

    /** What a summary held at one moment; min and max are 0 while count is 0. */
    public record Snapshot(long count, long sum, long min, long max) {
        /** The average as ZooKeeper's mntr prints it: a double rounded half-up to four decimals. */
        public String average() {
            if (count == 0) {
                return "0.0";
            }
            return Double.toString(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP)
                    .doubleValue());
        }
    }
}
