package io.warden.common;

/** The source of wall-clock time. The core never reads time itself; it is handed a value. */
@FunctionalInterface
public interface Clock {
    /** Milliseconds since the Unix epoch. */
    long nowMs();

    /** The machine's clock; used only at the edge (the daemon), never inside the core. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
