package io.warden.jmh;

import java.io.IOException;
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

import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotBytes;
import io.warden.tree.DataTree;
import io.warden.tree.NodeRecord;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.wire.Frames;
import io.warden.zab.SnapshotImage;

/**
 * The snapshot path: reading one chunk of {@value #CHUNK_NODES} nodes out of a tree of
 * {@link #nodes} nodes (as the driver feeds the snapshot thread; a new read-out, which copies the
 * path list, starts whenever one is used up, so its cost is spread over the chunks), encoding the
 * whole tree into snapshot-file bytes ({@code SnapshotBytes.encode}: read-out, encoding and
 * checksum) and decoding those bytes back into a tree ({@code SnapshotBytes.decode}: framing,
 * checksum, the tree rebuilt and its digest checked). With 1000 nodes a snapshot is exactly one
 * chunk; times are per call, so per snapshot.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SnapshotBenchmark {
    /** As many nodes as the server reads out of the tree at a time. */
    static final int CHUNK_NODES = 1000;
    static final int FANOUT = 1000;

    @Param({"1000", "100000"})
    public int nodes;

    @Param({"100"})
    public int dataBytes;

    private DataTree tree;
    private byte[] encoded;
    private TreeSnapshot readOut;

    @Setup(Level.Trial)
    public void buildTree() {
        TreeWriter writer = new TreeWriter();
        byte[] data = TreeWriter.payload(dataBytes);
        // The root, /zookeeper and its children are there already; fill up to the node count asked for.
        int created = writer.tree().nodeCount();
        for (long parent = 0; created < nodes; parent++) {
            String parentPath = TreeWriter.numbered("/p-", parent);
            writer.mustCreate(parentPath, new byte[0]);
            created++;
            for (int i = 0; i < FANOUT && created < nodes; i++, created++) {
                writer.mustCreate(TreeWriter.numbered(parentPath + "/n-", i), data);
            }
        }
        tree = writer.tree();
        encoded = SnapshotBytes.encode(tree);
    }

    @Benchmark
    public List<NodeRecord> readOneChunk() {
        if (readOut == null || !readOut.hasMore()) {
            readOut = tree.snapshotReadAtOnce();
        }
        return readOut.nextChunk(CHUNK_NODES);
    }

    @Benchmark
    public byte[] encode() {
        return SnapshotBytes.encode(tree);
    }

    @Benchmark
    public DataTree decode() throws CorruptDataException, IOException {
        return SnapshotBytes.decode(SnapshotImage.of(encoded), tree.lastZxid(), TreeOptions.DEFAULTS,
                Frames.JUTE_MAXBUFFER_DEFAULT);
    }
}
