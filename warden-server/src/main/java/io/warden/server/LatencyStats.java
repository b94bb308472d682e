package io.warden.server;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Min, average and max of request latencies in ms, resettable. */
final class LatencyStats {
    private long min = Long.MAX_VALUE;
    private long max;
    private long total;
    private long count;

    void record(long latencyMs) {
        min = Math.min(min, latencyMs);
        max = Math.max(max, latencyMs);
        total += latencyMs;
        count++;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    long max() {
        return max;
    }

    /** The average as ZooKeeper prints it: rounded half-up to four decimals, as a Java double. */
    String average() {
        if (count == 0) {
            return "0.0";
        }
        double avg = (double) total / count;
        return Double.toString(new BigDecimal(avg).setScale(4, RoundingMode.HALF_UP).doubleValue());
    }

    long total() {
        return total;
    }

    long count() {
        return count;
    }

    void reset() {
        min = Long.MAX_VALUE;
        max = 0;
        total = 0;
        count = 0;
    }
}
