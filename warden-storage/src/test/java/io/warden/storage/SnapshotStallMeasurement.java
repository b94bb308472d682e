package io.warden.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.warden.tree.NodeRecord;
import io.warden.wire.Acl;

/**
 * Not a test: measures how a snapshot being written delays the log's fsync, as the disk thread
 * and the snapshot thread do it, on a real directory. A log thread appends one record and syncs,
 * over and over for {@code RUN_MS}, while a snapshot of {@code nodes} nodes of 100 bytes is
 * written: synced only at its end, synced in pieces ({@link SnapshotWriter#SYNC_EVERY_BYTES}, or
 * 1 MiB), or none at all (the baseline). Prints the fsync latencies' percentiles for each.
 *
 * <p>Run: {@code java -cp <test classes>:<classes>:<dependencies> io.warden.storage.SnapshotStallMeasurement
 * <directory> [nodes] [rounds]}.
 */
public final class SnapshotStallMeasurement {
    private static final int RECORD_BYTES = 150;
    private static final int CHUNK_NODES = 2000;
    private static final long RUN_MS = 12_000;
    private static final long SNAPSHOT_AFTER_MS = 1_000;
    private static final long SLOW_FSYNC_MICROS = 20_000;

    private SnapshotStallMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (int round = 0; round < rounds; round++) {
            for (String mode : List.of("none", "whole", "pieces", "pieces-1MiB")) {
                long syncEveryBytes = switch (mode) {
                    case "whole" -> Long.MAX_VALUE;
                    case "pieces" -> SnapshotWriter.SYNC_EVERY_BYTES;
                    default -> 1L << 20;
                };
                measure(root, mode, nodes, syncEveryBytes);
            }
        }
    }

    /** Syncs the log for {@code RUN_MS}, with a snapshot written from {@code SNAPSHOT_AFTER_MS} on unless mode is none. */
    private static void measure(Path root, String mode, int nodes, long syncEveryBytes) throws Exception {
        Path directory = Files.createTempDirectory(root, "stall-" + mode);
        DirectoryFileStore store = new DirectoryFileStore(directory);
        long[] snapshotMs = {0};
        Thread snapshotter = new Thread(() -> {
            try {
                Thread.sleep(SNAPSHOT_AFTER_MS);
                long started = System.nanoTime();
                if (!mode.equals("none")) {
                    writeSnapshot(store, nodes, syncEveryBytes);
                }
                snapshotMs[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "snapshot");
        List<Long> fsyncMicros = new ArrayList<>();
        TxnLogWriter log = new TxnLogWriter(store, 64L << 20, 64L << 20, true, 1 << 20, 0);
        byte[] payload = new byte[RECORD_BYTES];
        long zxid = 0;
        snapshotter.start();
        long endNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MS);
        while (System.nanoTime() < endNs) {
            log.append(++zxid, payload);
            long started = System.nanoTime();
            log.sync();
            fsyncMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
        }
        snapshotter.join();
        log.close();
        long[] sorted = fsyncMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        long over = Arrays.stream(sorted).filter(micros -> micros > SLOW_FSYNC_MICROS).count();
        System.out.printf("snapshot %-11s (written in %5d ms): %6d log fsyncs in %d ms, p50 %.2f, p99 %.2f, p99.9 %.2f,"
                + " max %.2f ms, %d over %d ms%n", mode, snapshotMs[0], sorted.length, RUN_MS, percentile(sorted, 0.5),
                percentile(sorted, 0.99), percentile(sorted, 0.999), sorted[sorted.length - 1] / 1000.0, over,
                SLOW_FSYNC_MICROS / 1000);
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1000.0;
    }

    private static void writeSnapshot(FileStore store, int nodes, long syncEveryBytes) throws Exception {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) 'x');
        try (SnapshotWriter writer = new SnapshotWriter(store, 1, 0, Map.of(), nodes, syncEveryBytes)) {
            for (int from = 0; from < nodes; from += CHUNK_NODES) {
                List<NodeRecord> chunk = new ArrayList<>();
                for (int i = from; i < Math.min(nodes, from + CHUNK_NODES); i++) {
                    chunk.add(new NodeRecord(String.format("/warden-bench/populate/p-%06d/n-%06d", i / 1000, i),
                            data, Acl.OPEN_ACL_UNSAFE, i, i, 0, 0, i, 0, 0, 0, 0));
                }
                writer.write(chunk);
            }
            writer.commit();
        }
    }
}
