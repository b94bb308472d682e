package io.warden.storage;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Small files replaced whole: written under a temporary name, synced, then renamed into place and
 * the directory synced, so that after a crash a reader finds the old file or the new one, never a
 * part. Recovery removes temporary files a crash left behind ({@link #removeUnfinished}).
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Replaces {@code name} with {@code bytes}, durably and atomically. */
    static void write(FileStore store, String name, byte[] bytes) throws IOException {
        commit(store, writeTemporary(store, name, bytes), name);
    }

    /**
     * Writes {@code bytes} to {@code name}'s temporary file and makes its content durable; returns
     * the temporary name. Nothing a reader looks at has changed yet.
     */
    static String writeTemporary(FileStore store, String name, byte[] bytes) throws IOException {
        return writeTemporary(store, name, "", bytes);
    }

    /**
     * The same with {@code tag} in the temporary name, so that two writers of the same name (an
     * installed snapshot and a periodic one at the same zxid) never share a temporary file.
     */
    static String writeTemporary(FileStore store, String name, String tag, byte[] bytes) throws IOException {
        String temporary = name + tag + DataFiles.TEMPORARY_SUFFIX;
        store.delete(temporary);
        try (FileStore.AppendFile file = store.create(temporary)) {
            file.write(bytes, 0, bytes.length);
            file.force();
        }
        return temporary;
    }

    /** Renames a synced temporary file into place and makes the rename durable. */
    static void commit(FileStore store, String temporary, String name) throws IOException {
        store.rename(temporary, name);
        store.syncDirectory();
    }

    /**
     * Deletes every temporary file: each is a write a crash interrupted before its rename. (Should
     * a deletion not last, the next recovery deletes the file again.)
     */
    static void removeUnfinished(FileStore store, Consumer<String> warnings) throws IOException {
        for (String name : store.list()) {
            if (name.endsWith(DataFiles.TEMPORARY_SUFFIX)) {
                warnings.accept("removing unfinished file " + store.describe(name));
                store.delete(name);
            }
        }
    }
}
