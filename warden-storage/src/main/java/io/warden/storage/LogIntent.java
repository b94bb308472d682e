package io.warden.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An empty marker file in the log directory that makes a change of several steps atomic: it is
 * made durable before the first step and deleted, durably, after the last. A crash in between
 * leaves the marker, and replica recovery finishes (or, for an install whose snapshot never
 * landed, abandons) the change before it reads anything. Two kinds, the zxid in the name:
 * {@code truncating.<zxid>} (drop every record above the zxid) and {@code installing.<zxid>}
 * (drop the whole log once {@code snapshot.<zxid>} exists).
 */
final class LogIntent {
    /** A marker found on disk: its file name, kind (the name's prefix) and zxid. */
    record Pending(String name, String prefix, long zxid) {
    }

    private LogIntent() {
    }

    /** Makes the marker durable; returns its name, for {@link #end}. */
    static String begin(FileStore logs, String prefix, long zxid) throws IOException {
        String name = DataFiles.name(prefix, zxid);
        logs.delete(name);
        logs.create(name).close();
        logs.syncDirectory();
        return name;
    }

    /** Deletes the marker, durably: the change is complete. */
    static void end(FileStore logs, String name) throws IOException {
        logs.delete(name);
        logs.syncDirectory();
    }

    /** The markers a crash left, truncations and installs, oldest zxid first within each kind. */
    static List<Pending> pending(FileStore logs) throws IOException {
        List<String> names = logs.list();
        List<Pending> pending = new ArrayList<>();
        for (String prefix : List.of(DataFiles.TRUNCATING_PREFIX, DataFiles.INSTALLING_PREFIX)) {
            for (long zxid : DataFiles.zxids(names, prefix)) {
                pending.add(new Pending(DataFiles.name(prefix, zxid), prefix, zxid));
            }
        }
        return pending;
    }
}
