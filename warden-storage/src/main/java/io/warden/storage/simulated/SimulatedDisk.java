package io.warden.storage.simulated;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.warden.storage.FileStore;

/**
 * A disk that keeps only what was made durable. File contents become durable with force (or
 * truncate); creations, renames and deletions with syncDirectory. A crash drops everything else,
 * except that, at random, either the last unsynced write survives in part (a torn write), or
 * each {@link #SECTOR_BYTES}-byte sector written since its file's last force is left as one of
 * those writes left it, on its own, as a page cache writing pages back in any order and at any
 * time leaves a file (sectors lost in the middle of what was written, later ones kept, some as
 * they were between two writes; what a file grew by and lost reads as zeros).
 * Every mutating operation is counted, and the disk can be told to crash just before operation
 * number N.
 *
 * <p>For tests only, never for a server's data: the storage module's own crash tests and the
 * simulator in {@code warden-testkit} run the real storage code over it. It lives in the main code
 * (not a test jar) because the simulator is main code of another module.
 */
public final class SimulatedDisk {
    /** Thrown where the simulated machine lost power. */
    public static final class Crash extends RuntimeException {
        Crash(long operation) {
            super("simulated crash before persistence operation " + operation);
        }
    }

    private static final class Inode {
        byte[] durable = new byte[0];
        byte[] current = new byte[0];
        /** The writes since the last force, in order: what a crash may have written back of each sector. */
        final List<Write> unsynced = new ArrayList<>();
    }

    /** One write's bytes at its offset. */
    private record Write(int offset, byte[] bytes) {
    }

    /** The unit a crash keeps or loses whole in the sector model. */
    public static final int SECTOR_BYTES = 512;

    private long operations;
    private long crashAt = Long.MAX_VALUE;
    private Inode lastWritten;

    private final Directory snapshots = new Directory("snapshots");
    private final Directory logs = new Directory("logs");

    /** The snapshot directory (snapshots and epoch files). */
    public Directory snapshots() {
        return snapshots;
    }

    /** The log directory. */
    public Directory logs() {
        return logs;
    }

    /** Mutating operations so far; also grows whenever what a crash would keep changes. */
    public long operations() {
        return operations;
    }

    /** Makes mutating operation number {@code operation} throw {@link Crash} instead of happening. */
    public void crashBefore(long operation) {
        crashAt = operation;
    }

    private void step() {
        operations++;
        if (operations == crashAt) {
            throw new Crash(operations);
        }
    }

    /** Power loss: only durable state remains, with the last write torn or any unsynced sectors kept. */
    public void crash(SplittableRandom random) {
        Inode torn = lastWritten;
        boolean sectors = random.nextInt(3) == 0;
        snapshots.crash(torn, sectors, random);
        logs.crash(torn, sectors, random);
        lastWritten = null;
        crashAt = Long.MAX_VALUE;
    }

    public final class Directory implements FileStore {
        private final String name;
        private Map<String, Inode> current = new HashMap<>();
        private Map<String, Inode> durable = new HashMap<>();

        Directory(String name) {
            this.name = name;
        }

        void crash(Inode torn, boolean sectors, SplittableRandom random) {
            current = new HashMap<>(durable);
            for (Inode inode : current.values()) {
                byte[] kept = inode.durable;
                int unsynced = inode.current.length - inode.durable.length;
                if (sectors) {
                    kept = someSectors(inode, random);
                } else if (inode == torn && unsynced > 0 && random.nextBoolean()) {
                    kept = Arrays.copyOf(inode.current, inode.durable.length + random.nextInt(unsynced + 1));
                }
                inode.current = kept.clone();
                inode.durable = kept.clone();
                inode.unsynced.clear();
            }
        }

        /**
         * The durable bytes with each sector that the writes since the last force touched as one
         * of them left it, at random: as synced, after the first of those writes, after the first
         * two, ..., or as it is now (a page written back between two writes holds the first and
         * not the second). The file keeps its durable length unless a sector past it holds
         * something written; what lies past it and was not written back reads as zeros.
         */
        private byte[] someSectors(Inode inode, SplittableRandom random) {
            byte[] kept = inode.durable.clone();
            for (int sector = 0; sector < inode.current.length; sector += SECTOR_BYTES) {
                int end = Math.min(inode.current.length, sector + SECTOR_BYTES);
                List<Write> touching = new ArrayList<>();
                for (Write write : inode.unsynced) {
                    if (write.offset() < end && write.offset() + write.bytes().length > sector) {
                        touching.add(write);
                    }
                }
                int applied = random.nextInt(touching.size() + 1);
                if (applied == 0) {
                    continue;
                }
                if (kept.length < end) {
                    kept = Arrays.copyOf(kept, end);
                }
                for (Write write : touching.subList(0, applied)) {
                    int from = Math.max(sector, write.offset());
                    int to = Math.min(end, write.offset() + write.bytes().length);
                    System.arraycopy(write.bytes(), from - write.offset(), kept, from, to - from);
                }
            }
            return kept;
        }

        /** Flips one bit of a file, durably: for corruption tests. */
        public void flipBit(String file, long bitIndex) {
            Inode inode = current.get(file);
            inode.current[(int) (bitIndex / 8)] ^= (byte) (1 << (bitIndex % 8));
            inode.durable = inode.current.clone();
        }

        public byte[] content(String file) {
            return current.get(file).current.clone();
        }

        /**
         * What a crash now would keep of this directory (leaving a torn write aside), read-only:
         * the names last made durable and the bytes last made durable in each file.
         */
        public FileStore durableView() {
            return new DurableView(this);
        }

        private Inode get(String file) throws NoSuchFileException {
            Inode inode = current.get(file);
            if (inode == null) {
                throw new NoSuchFileException(describe(file));
            }
            return inode;
        }

        @Override
        public String describe(String file) {
            return "/sim/" + name + "/" + file;
        }

        @Override
        public List<String> list() {
            return new ArrayList<>(current.keySet());
        }

        @Override
        public long size(String file) throws IOException {
            return get(file).current.length;
        }

        @Override
        public byte[] readAll(String file) throws IOException {
            return get(file).current.clone();
        }

        @Override
        public InputStream openRead(String file) throws IOException {
            return new ByteArrayInputStream(get(file).current.clone());
        }

        @Override
        public AppendFile create(String file) throws IOException {
            step();
            if (current.containsKey(file)) {
                throw new FileAlreadyExistsException(describe(file));
            }
            Inode inode = new Inode();
            current.put(file, inode);
            return new AppendFile() {
                private long position;

                @Override
                public long position() {
                    return position;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    step();
                    int end = (int) position + length;
                    if (inode.current.length < end) {
                        inode.current = Arrays.copyOf(inode.current, end);
                    }
                    System.arraycopy(bytes, offset, inode.current, (int) position, length);
                    inode.unsynced.add(new Write((int) position, Arrays.copyOfRange(bytes, offset, offset + length)));
                    lastWritten = inode;
                    position = end;
                }

                @Override
                public void force() {
                    step();
                    inode.durable = inode.current.clone();
                    inode.unsynced.clear();
                }

                @Override
                public void preallocate(long size) {
                    step();
                    if (inode.current.length < size) {
                        inode.current = Arrays.copyOf(inode.current, (int) size);
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean makePrivate(String name) {
            return false; // simulated files have no permissions
        }

        @Override
        public void rename(String from, String to) throws IOException {
            step();
            Inode inode = get(from);
            current.remove(from);
            current.put(to, inode);
        }

        @Override
        public void delete(String file) {
            step();
            current.remove(file);
        }

        @Override
        public void truncate(String file, long size) throws IOException {
            step();
            Inode inode = get(file);
            inode.current = Arrays.copyOf(inode.current, (int) size);
            inode.durable = inode.current.clone();
            inode.unsynced.clear();
        }

        @Override
        public void syncDirectory() {
            step();
            durable = new HashMap<>(current);
        }
    }

    /** A directory as a crash would leave it; every change is refused. */
    private static final class DurableView implements FileStore {
        private final Directory directory;

        DurableView(Directory directory) {
            this.directory = directory;
        }

        private byte[] durable(String file) throws NoSuchFileException {
            Inode inode = directory.durable.get(file);
            if (inode == null) {
                throw new NoSuchFileException(describe(file));
            }
            return inode.durable;
        }

        @Override
        public String describe(String file) {
            return directory.describe(file) + " (durable)";
        }

        @Override
        public List<String> list() {
            return new ArrayList<>(directory.durable.keySet());
        }

        @Override
        public long size(String file) throws IOException {
            return durable(file).length;
        }

        @Override
        public byte[] readAll(String file) throws IOException {
            return durable(file).clone();
        }

        @Override
        public InputStream openRead(String file) throws IOException {
            return new ByteArrayInputStream(durable(file).clone());
        }

        @Override
        public AppendFile create(String file) {
            throw refused("create " + file);
        }

        @Override
        public boolean makePrivate(String file) {
            throw refused("change the permissions of " + file);
        }

        @Override
        public void rename(String from, String to) {
            throw refused("rename " + from);
        }

        @Override
        public void delete(String file) {
            throw refused("delete " + file);
        }

        @Override
        public void truncate(String file, long size) {
            throw refused("truncate " + file);
        }

        @Override
        public void syncDirectory() {
            throw refused("sync");
        }

        private UnsupportedOperationException refused(String what) {
            return new UnsupportedOperationException("a durable view is read-only: cannot " + what + " in "
                    + directory.describe(""));
        }
    }
}
