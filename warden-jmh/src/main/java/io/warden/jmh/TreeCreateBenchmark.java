package io.warden.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.warden.tree.TreeResult;

/**
 * Creating persistent nodes through {@code DataTree.apply}: under one parent, with sequential
 * names ({@code n-0000000001}, ...) and with random names (16 hex digits from a seeded generator),
 * {@link #dataBytes} of data each. Every measurement iteration starts from a fresh tree, so the
 * tree grows during an iteration, as a populating client would make it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TreeCreateBenchmark {
    static final String PARENT = "/bench";
    static final long SEED = 42;

    @Param({"100"})
    public int dataBytes;

    private TreeWriter writer;
    private byte[] data;
    private long sequence;
    private SplittableRandom random;

    @Setup(Level.Iteration)
    public void freshTree() {
        writer = new TreeWriter();
        writer.mustCreate(PARENT, new byte[0]);
        data = TreeWriter.payload(dataBytes);
        sequence = 0;
        random = new SplittableRandom(SEED);
    }

    @Benchmark
    public TreeResult createSequentialName() {
        return writer.create(TreeWriter.numbered(PARENT + "/n-", sequence++), data);
    }

    @Benchmark
    public TreeResult createRandomName() {
        return writer.create(PARENT + "/r-" + Long.toHexString(random.nextLong()), data);
    }
}
