package io.warden.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.warden.storage.DirectoryFileStore;
import io.warden.storage.TxnLogWriter;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;

/**
 * Appending setData transactions ({@code TxnCodec} payloads with {@link #dataBytes} of data) to the
 * transaction log in a new directory under {@code java.io.tmpdir} (one per iteration, deleted
 * after it; point {@code -Djava.io.tmpdir} at the disk to measure). {@link #fsync} {@code true}
 * makes every sync an fsync (the server's {@code forceSync=yes}); {@code false} only writes to the
 * page cache. One record per sync is a lone client's write; {@value #GROUP} records per sync is
 * group commit under load, reported per record. Segments are preallocated in 64 MiB steps as the
 * server does by default.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TxnLogAppendBenchmark {
    static final int GROUP = 100;
    static final long PREALLOCATE_BYTES = 64L << 20;
    static final long SEGMENT_BYTES_MAX = 64L << 20;
    static final int RECORD_BYTES_MAX = 4 << 20;

    @Param({"true", "false"})
    public boolean fsync;

    @Param({"100"})
    public int dataBytes;

    private Path directory;
    private TxnLogWriter log;
    private long zxid;
    private byte[] payload;

    @Setup(Level.Iteration)
    public void openLog() throws IOException {
        directory = Files.createTempDirectory("warden-jmh-log");
        log = new TxnLogWriter(new DirectoryFileStore(directory), PREALLOCATE_BYTES, SEGMENT_BYTES_MAX, fsync,
                RECORD_BYTES_MAX, 0);
        zxid = 0;
        payload = TxnCodec.encode(new Txn(1, TreeWriter.TIME_MS, TreeWriter.SESSION_ID, 1, List.of(),
                new TxnOp.SetData("/app/config/service-0000000042", TreeWriter.payload(dataBytes), -1)));
    }

    @TearDown(Level.Iteration)
    public void deleteLog() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public long appendOneThenSync() throws IOException {
        log.append(++zxid, payload);
        log.sync();
        return zxid;
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public long appendGroupThenSync() throws IOException {
        for (int i = 0; i < GROUP; i++) {
            log.append(++zxid, payload);
        }
        log.sync();
        return zxid;
    }
}
