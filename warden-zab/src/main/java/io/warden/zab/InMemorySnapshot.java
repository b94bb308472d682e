package io.warden.zab;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/** A {@link SnapshotImage} held in one array (the simulator's and small tests'). */
record InMemorySnapshot(byte[] bytes) implements SnapshotImage {
    InMemorySnapshot {
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long sizeBytes() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public String toString() {
        return "InMemorySnapshot[" + bytes.length + " bytes]";
    }
}
