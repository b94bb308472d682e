package io.warden.cli.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.warden.storage.FileStore;

/**
 * A read-only {@link FileStore} holding one file, listed under a name the storage readers
 * recognise (for a log, {@code log.<16 hex digits>}), so that they can check one file on its own.
 * Messages name the real file.
 */
final class SingleFileStore implements FileStore {
    private final Path file;
    private final String name;

    SingleFileStore(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    /** A store listing {@code file} as a log segment: under its own name when that is a segment's name. */
    static SingleFileStore log(Path file) {
        String own = file.getFileName().toString();
        return new SingleFileStore(file, own.matches("log\\.[0-9a-f]{16}") ? own : "log.0000000000000000");
    }

    String name() {
        return name;
    }

    private Path path(String requested) throws IOException {
        if (!requested.equals(name)) {
            throw new IOException("no file " + requested + " beside " + file);
        }
        return file;
    }

    @Override
    public String describe(String requested) {
        return requested.equals(name) ? file.toString() : requested;
    }

    @Override
    public List<String> list() {
        return List.of(name);
    }

    @Override
    public long size(String requested) throws IOException {
        return Files.size(path(requested));
    }

    @Override
    public byte[] readAll(String requested) throws IOException {
        return Files.readAllBytes(path(requested));
    }

    @Override
    public InputStream openRead(String requested) throws IOException {
        return Files.newInputStream(path(requested));
    }

    @Override
    public AppendFile create(String requested) throws IOException {
        throw readOnly();
    }

    @Override
    public boolean makePrivate(String requested) throws IOException {
        throw readOnly();
    }

    @Override
    public void rename(String from, String to) throws IOException {
        throw readOnly();
    }

    @Override
    public void delete(String requested) throws IOException {
        throw readOnly();
    }

    @Override
    public void truncate(String requested, long size) throws IOException {
        throw readOnly();
    }

    @Override
    public void syncDirectory() throws IOException {
        throw readOnly();
    }

    private IOException readOnly() {
        return new IOException(file + " is opened read-only");
    }
}
