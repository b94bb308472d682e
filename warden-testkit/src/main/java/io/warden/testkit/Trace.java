package io.warden.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A short record of what happened: the last lines in a ring buffer, formatted only when needed.
 * Optionally every line is also kept in full or echoed as it happens (for replay).
 */
final class Trace {
    /** One thing that happened; {@code server} is 0 for the cluster itself. */
    private record Line(long timeMs, long step, long server, String what, Object detail) {
        String format() {
            String who = server == 0 ? "--" : "s" + server;
            String text = detail == null ? "" : " " + TraceFormat.describe(detail);
            return "t=" + timeMs + "ms #" + step + " " + who + " " + what + text;
        }
    }

    private final Line[] ring;
    private int next;
    private long count;
    private final List<String> all;
    private final Consumer<String> echo;

    /**
     * @param capacity how many recent lines to keep
     * @param keepAll keep every line as well, for {@link #all()}
     * @param echo where each line goes as it happens; null for nowhere
     */
    Trace(int capacity, boolean keepAll, Consumer<String> echo) {
        this.ring = new Line[capacity];
        this.all = keepAll ? new ArrayList<>() : null;
        this.echo = echo;
    }

    void add(long timeMs, long step, long server, String what, Object detail) {
        Line line = new Line(timeMs, step, server, what, detail);
        ring[next] = line;
        next = (next + 1) % ring.length;
        count++;
        if (all != null || echo != null) {
            String text = line.format();
            if (all != null) {
                all.add(text);
            }
            if (echo != null) {
                echo.accept(text);
            }
        }
    }

    /** The last {@code wanted} lines, oldest first. */
    List<String> last(int wanted) {
        int available = (int) Math.min(Math.min(count, ring.length), wanted);
        List<String> lines = new ArrayList<>(available);
        for (int i = available; i > 0; i--) {
            lines.add(ring[Math.floorMod(next - i, ring.length)].format());
        }
        return lines;
    }

    /** Every line so far, when kept. */
    List<String> all() {
        if (all == null) {
            throw new IllegalStateException("this trace keeps only the last " + ring.length + " lines");
        }
        return List.copyOf(all);
    }
}
