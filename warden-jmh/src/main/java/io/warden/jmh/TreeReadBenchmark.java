package io.warden.jmh;

import java.util.List;
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

import io.warden.tree.OpResult;
import io.warden.wire.Id;

/**
 * Reads as the server answers them, without watches: getData of one of {@link #nodes} nodes
 * (spread over parents of 1000, visited in a fixed scattered order), exists of the same, and
 * getChildren and getAllChildrenNumber of a node with {@link #children} children.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TreeReadBenchmark {
    static final int FANOUT = 1000;
    static final String WIDE = "/wide";
    /** A prime step through the node paths, so that successive reads do not touch neighbours. */
    static final int STRIDE = 7919;

    @Param({"10000"})
    public int nodes;

    @Param({"10000"})
    public int children;

    @Param({"100"})
    public int dataBytes;

    private final List<Id> identities = List.of();
    private TreeWriter writer;
    private String[] paths;
    private int next;

    @Setup(Level.Trial)
    public void buildTree() {
        writer = new TreeWriter();
        byte[] data = TreeWriter.payload(dataBytes);
        writer.mustCreate("/data", new byte[0]);
        paths = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            String parent = TreeWriter.numbered("/data/p-", i / FANOUT);
            if (i % FANOUT == 0) {
                writer.mustCreate(parent, new byte[0]);
            }
            paths[i] = TreeWriter.numbered(parent + "/n-", i % FANOUT);
            writer.mustCreate(paths[i], data);
        }
        writer.mustCreate(WIDE, new byte[0]);
        for (int i = 0; i < children; i++) {
            writer.mustCreate(TreeWriter.numbered(WIDE + "/c-", i), data);
        }
    }

    private String nextPath() {
        next = (next + STRIDE) % paths.length;
        return paths[next];
    }

    @Benchmark
    public OpResult getData() {
        return writer.tree().getData(nextPath(), identities, null);
    }

    @Benchmark
    public OpResult exists() {
        return writer.tree().exists(nextPath(), identities, null);
    }

    @Benchmark
    public OpResult getChildrenOfWideNode() {
        return writer.tree().getChildren(WIDE, identities, null);
    }

    @Benchmark
    public OpResult getAllChildrenNumberOfWideNode() {
        return writer.tree().getAllChildrenNumber(WIDE, identities);
    }
}
