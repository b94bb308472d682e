package io.warden.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** One directory of data files. Names are plain file names, no separators. */
public interface FileStore {
    /** The full location of a file, for messages. */
    String describe(String name);

    /** The names of the files in the directory. */
    List<String> list() throws IOException;

    long size(String name) throws IOException;

    /** The whole file. Callers use it for files whose size they bound. */
    byte[] readAll(String name) throws IOException;

    InputStream openRead(String name) throws IOException;

    /** Creates a new, empty file for appending; fails if it exists. */
    AppendFile create(String name) throws IOException;

    /**
     * As {@link #create}, for a large file written once from start to end (a snapshot): where the
     * store can, its bytes bypass the page cache (see {@link UncachedAppendFile}). It cannot be
     * preallocated. Stores without such a way create it as any other file.
     */
    default AppendFile createUncached(String name) throws IOException {
        return create(name);
    }

    /**
     * Lets only the file's owner read and write it (no-op where files have no such permissions).
     * Returns whether the permissions were wider before.
     */
    boolean makePrivate(String name) throws IOException;

    /** Atomically gives {@code from} the name {@code to}, replacing any file of that name. */
    void rename(String from, String to) throws IOException;

    void delete(String name) throws IOException;

    /** Cuts a file to {@code size} bytes and makes that durable. */
    void truncate(String name, long size) throws IOException;

    /** Makes creations, renames and deletions in the directory durable. */
    void syncDirectory() throws IOException;

    /** A file being appended to. */
    interface AppendFile extends Closeable {
        /** Bytes written so far (the next write's offset). */
        long position();

        void write(byte[] bytes, int offset, int length) throws IOException;

        /** Makes everything written so far durable. */
        void force() throws IOException;

        /**
         * Extends the file with zeros to at least {@code size} bytes without moving the position,
         * so that later syncs need not change the file's length.
         */
        void preallocate(long size) throws IOException;

        /** Whether the file's bytes bypass the page cache ({@link #createUncached} got its way). */
        default boolean uncached() {
            return false;
        }
    }
}
