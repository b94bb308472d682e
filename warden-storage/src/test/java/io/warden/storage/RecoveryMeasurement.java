package io.warden.storage;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.warden.tree.TreeOptions;

/**
 * Not a test: recovers a server's data directory as {@code warden server} does at startup and
 * prints the split (snapshot load, log replay), the time spent in garbage collection and the
 * largest heap in use meanwhile (sampled every {@link #SAMPLE_MS}). Repairs a torn tail as the
 * server would: run it on a copy.
 *
 * <p>Run: {@code java -cp <test classes>:<classes>:<dependencies> io.warden.storage.RecoveryMeasurement
 * <dataDir> [dataLogDir]}.
 */
public final class RecoveryMeasurement {
    private static final long SAMPLE_MS = 5;
    /** WardenServer's default: 4 times jute.maxbuffer's default. */
    private static final int RECORD_BYTES_MAX = 4 << 20;

    private static volatile long peakHeapBytes;

    private RecoveryMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path logDir = Path.of(args.length > 1 ? args[1] : args[0]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeapBytes = Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long gcBefore = gcMs();
        long started = System.nanoTime();
        Recovery.Recovered recovered = Recovery.recover(
                new DirectoryFileStore(dataDir.resolve(DataFiles.SUBDIRECTORY)),
                new DirectoryFileStore(logDir.resolve(DataFiles.SUBDIRECTORY)), TreeOptions.DEFAULTS,
                RECORD_BYTES_MAX, warning -> System.out.println("warning: " + warning));
        long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long gc = gcMs() - gcBefore;
        sampler.interrupt();
        System.gc();
        long liveAfterBytes = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("%d nodes at zxid %x: snapshot load %d ms, log replay %d ms (%d transactions), total %d ms;"
                + " GC %d ms; peak heap %d MiB, live after recovery %d MiB%n", recovered.tree().nodeCount(),
                recovered.tree().lastZxid(), recovered.snapshotLoadMs(), recovered.logReplayMs(),
                recovered.replayed(), totalMs, gc, peakHeapBytes >> 20, liveAfterBytes >> 20);
    }

    private static long gcMs() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }
}
