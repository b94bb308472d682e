package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.sun.nio.file.ExtendedOpenOption;

/** A {@link FileStore} on a real directory, created if missing. */
public final class DirectoryFileStore implements FileStore {
    private final Path directory;

    public DirectoryFileStore(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        Files.createDirectories(this.directory);
        if (!Files.isWritable(this.directory)) {
            throw new AccessDeniedException(this.directory.toString(), null, "the data directory is not writable");
        }
    }

    public Path directory() {
        return directory;
    }

    private Path path(String name) {
        if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return directory.resolve(name);
    }

    @Override
    public String describe(String name) {
        return path(name).toString();
    }

    @Override
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    @Override
    public long size(String name) throws IOException {
        return Files.size(path(name));
    }

    @Override
    public byte[] readAll(String name) throws IOException {
        return Files.readAllBytes(path(name));
    }

    @Override
    public InputStream openRead(String name) throws IOException {
        return Files.newInputStream(path(name));
    }

    @Override
    public AppendFile create(String name) throws IOException {
        FileChannel channel = FileChannel.open(path(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new ChannelAppendFile(channel);
    }

    /**
     * Opens the file with direct I/O, aligned to the file system's block size; where the file
     * system refuses direct I/O (tmpfs on older kernels, some network file systems), it is created
     * as any other file.
     */
    @Override
    public AppendFile createUncached(String name) throws IOException {
        Path file = path(name);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    ExtendedOpenOption.DIRECT);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(file);
            return create(name);
        }
        try {
            long blockBytes = Files.getFileStore(file).getBlockSize();
            UncachedAppendFile uncached = new UncachedAppendFile(channel, Math.toIntExact(blockBytes));
            uncached.probe();
            return uncached;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            return create(name);
        }
    }

    @Override
    public boolean makePrivate(String name) throws IOException {
        Path file = path(name);
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        if (view.readAttributes().permissions().equals(ownerOnly)) {
            return false;
        }
        view.setPermissions(ownerOnly);
        return true;
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    @Override
    public void truncate(String name, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path(name), StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    @Override
    public void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for syncing; their renames are durable anyway.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e;
            }
        }
    }

    private static final class ChannelAppendFile implements AppendFile {
        private static final byte[] ZERO = {0};
        private final FileChannel channel;
        private long position;

        ChannelAppendFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void preallocate(long size) throws IOException {
            if (channel.size() < size) {
                channel.write(ByteBuffer.wrap(ZERO), size - 1);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
