package io.warden.cli.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.warden.wire.ErrorCode;

/** Failed operations counted by error name; safe to update from any thread. */
final class ErrorCounts {
    /** A round of watch-fanout in which some watcher got no event in time (a bench-side name). */
    static final String FANOUT_TIMEOUT = "FANOUT_TIMEOUT";
    /** An event a watcher did not expect: another type, another path, or a second one in a round. */
    static final String UNEXPECTED_EVENT = "UNEXPECTED_EVENT";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    static String nameOf(int code) {
        ErrorCode known = ErrorCode.of(code);
        return known == null ? "ERROR(" + code + ")" : known.name();
    }

    void add(int code) {
        add(nameOf(code), 1);
    }

    void add(String name, long howMany) {
        counts.computeIfAbsent(name, key -> new LongAdder()).add(howMany);
    }

    /** The counts so far, sorted by name. */
    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((name, adder) -> sorted.put(name, adder.sum()));
        return sorted;
    }
}
