package io.warden.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.warden.storage.FileStore;

/** A directory in memory, so that a fuzz run reads and writes files without touching the disk. */
final class MemoryFileStore implements FileStore {
    private final Map<String, byte[]> files = new TreeMap<>();

    byte[] get(String name) {
        return files.get(name);
    }

    void put(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    List<String> names() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public String describe(String name) {
        return "/memory/" + name;
    }

    @Override
    public List<String> list() {
        return names();
    }

    @Override
    public long size(String name) throws IOException {
        return existing(name).length;
    }

    @Override
    public byte[] readAll(String name) throws IOException {
        return existing(name).clone();
    }

    @Override
    public InputStream openRead(String name) throws IOException {
        return new ByteArrayInputStream(existing(name));
    }

    private byte[] existing(String name) throws IOException {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new NoSuchFileException(describe(name));
        }
        return bytes;
    }

    @Override
    public AppendFile create(String name) throws IOException {
        if (files.containsKey(name)) {
            throw new FileAlreadyExistsException(describe(name));
        }
        files.put(name, new byte[0]);
        return new AppendFile() {
            private long position;

            @Override
            public long position() {
                return position;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                byte[] current = files.get(name);
                byte[] grown = Arrays.copyOf(current, (int) Math.max(current.length, position + length));
                System.arraycopy(bytes, offset, grown, (int) position, length);
                files.put(name, grown);
                position += length;
            }

            @Override
            public void force() {
                // memory is as durable as it gets here
            }

            @Override
            public void preallocate(long size) {
                byte[] current = files.get(name);
                if (current.length < size) {
                    files.put(name, Arrays.copyOf(current, (int) size));
                }
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Override
    public boolean makePrivate(String name) {
        return false;
    }

    @Override
    public void rename(String from, String to) throws IOException {
        files.put(to, existing(from));
        files.remove(from);
    }

    @Override
    public void delete(String name) {
        files.remove(name);
    }

    @Override
    public void truncate(String name, long size) throws IOException {
        files.put(name, Arrays.copyOf(existing(name), (int) size));
    }

    @Override
    public void syncDirectory() {
        // memory is as durable as it gets here
    }
}
