package io.warden.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A file store that passes everything to another and records how it is used: the largest single
 * read asked of a stream, which files were read whole, and for each file written the bytes written
 * between two syncs at most; and it can make closing a written file fail.
 */
final class RecordingFileStore implements FileStore {
    private final FileStore store;
    private long largestReadBytes;
    private final List<String> readWhole = new ArrayList<>();
    private long largestUnsyncedBytes;
    private int syncs;
    private boolean failClose;

    RecordingFileStore(FileStore store) {
        this.store = store;
    }

    /** The most bytes one read call asked for. */
    synchronized long largestReadBytes() {
        return largestReadBytes;
    }

    /** The files read whole with {@link #readAll}, in order. */
    synchronized List<String> readWhole() {
        return List.copyOf(readWhole);
    }

    /** The most bytes written to one file between two of its syncs (or its creation and a sync). */
    synchronized long largestUnsyncedBytes() {
        return largestUnsyncedBytes;
    }

    /** Makes closing a written file fail from now on (after closing it underneath), as a full disk would. */
    synchronized void failClose() {
        failClose = true;
    }

    /** The syncs of written files so far. */
    synchronized int syncs() {
        return syncs;
    }

    private synchronized void read(int length) {
        largestReadBytes = Math.max(largestReadBytes, length);
    }

    @Override
    public String describe(String name) {
        return store.describe(name);
    }

    @Override
    public List<String> list() throws IOException {
        return store.list();
    }

    @Override
    public long size(String name) throws IOException {
        return store.size(name);
    }

    @Override
    public byte[] readAll(String name) throws IOException {
        synchronized (this) {
            readWhole.add(name);
        }
        return store.readAll(name);
    }

    @Override
    public InputStream openRead(String name) throws IOException {
        return new FilterInputStream(store.openRead(name)) {
            @Override
            public int read() throws IOException {
                RecordingFileStore.this.read(1);
                return super.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                RecordingFileStore.this.read(length);
                return super.read(bytes, offset, length);
            }

            @Override
            public byte[] readAllBytes() throws IOException {
                throw new AssertionError("a stream of " + name + " read whole");
            }
        };
    }

    @Override
    public AppendFile create(String name) throws IOException {
        AppendFile file = store.create(name);
        return new AppendFile() {
            private long unsynced;

            @Override
            public long position() {
                return file.position();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                file.write(bytes, offset, length);
                unsynced += length;
                synchronized (RecordingFileStore.this) {
                    largestUnsyncedBytes = Math.max(largestUnsyncedBytes, unsynced);
                }
            }

            @Override
            public void force() throws IOException {
                file.force();
                unsynced = 0;
                synchronized (RecordingFileStore.this) {
                    syncs++;
                }
            }

            @Override
            public void preallocate(long size) throws IOException {
                file.preallocate(size);
            }

            @Override
            public void close() throws IOException {
                file.close();
                synchronized (RecordingFileStore.this) {
                    if (failClose) {
                        throw new IOException("No space left on device (closing " + name + ")");
                    }
                }
            }
        };
    }

    @Override
    public boolean makePrivate(String name) throws IOException {
        return store.makePrivate(name);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        store.rename(from, to);
    }

    @Override
    public void delete(String name) throws IOException {
        store.delete(name);
    }

    @Override
    public void truncate(String name, long size) throws IOException {
        store.truncate(name, size);
    }

    @Override
    public void syncDirectory() throws IOException {
        store.syncDirectory();
    }
}
