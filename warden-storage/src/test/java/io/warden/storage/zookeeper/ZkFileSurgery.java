package io.warden.storage.zookeeper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.warden.storage.CorruptDataException;

/** Byte-level changes to ZooKeeper's files, for tests: damage, truncation, splitting a log. */
final class ZkFileSurgery {
    private ZkFileSurgery() {
    }

    /** Where one log record is. */
    record Record(long zxid, long offset, long end) {
    }

    static List<Record> records(Path log) throws IOException, CorruptDataException {
        List<Record> records = new ArrayList<>();
        ZkLogReader.read(log, true, ZkImporter.FIELD_BYTES_MAX,
                (txn, end) -> records.add(new Record(txn.zxid(), txn.offset(), end)));
        return records;
    }

    static Record record(Path log, long zxid) throws IOException, CorruptDataException {
        return records(log).stream().filter(r -> r.zxid() == zxid).findFirst().orElseThrow();
    }

    /** Cuts the preallocated zeros off a log: ZooKeeper reads it the same, and copies stay small. */
    static void compact(Path log) throws IOException, CorruptDataException {
        List<Record> records = records(log);
        setLength(log, records.isEmpty() ? ZkLogReader.HEADER_BYTES : records.get(records.size() - 1).end());
    }

    /** Cuts the file to {@code size} bytes, or extends it with zeros to that size. */
    static void setLength(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    /**
     * Moves the records from {@code zxid} on into a new log named after it, as if ZooKeeper had
     * rolled its log there; returns the new file.
     */
    static Path split(Path log, long zxid) throws IOException, CorruptDataException {
        Record first = record(log, zxid);
        byte[] bytes = Files.readAllBytes(log);
        Path next = log.resolveSibling("log." + Long.toHexString(zxid));
        byte[] content = new byte[ZkLogReader.HEADER_BYTES + (int) (bytes.length - first.offset())];
        System.arraycopy(bytes, 0, content, 0, ZkLogReader.HEADER_BYTES);
        System.arraycopy(bytes, (int) first.offset(), content, ZkLogReader.HEADER_BYTES,
                (int) (bytes.length - first.offset()));
        Files.write(next, content);
        setLength(log, first.offset());
        return next;
    }

    static void flipBit(Path file, long offset, int bit) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ (1 << bit));
        }
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
