package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;

import io.warden.zab.SnapshotImage;

/** A snapshot image that is a file of a {@link FileStore}, read from its start on each open. */
record StoredSnapshot(FileStore store, String name, long sizeBytes) implements SnapshotImage {
    @Override
    public InputStream open() throws IOException {
        return store.openRead(name);
    }

    @Override
    public String toString() {
        return "snapshot file " + store.describe(name) + " (" + sizeBytes + " bytes)";
    }
}
