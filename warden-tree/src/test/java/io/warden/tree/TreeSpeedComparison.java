package io.warden.tree;

import java.util.List;

import io.warden.wire.Id;
import io.warden.wire.JuteOutput;

/**
 * Not a test: a rough timing to run by hand (same command as {@link TreeMemoryMeasurement}), to
 * compare tree layouts. Times sequential creates, getChildren of parents with many children, and
 * reading a snapshot out in chunks while encoding it the way the snapshot file does. Each is
 * repeated and the best round printed, in CPU time of the thread (the machine may be busy).
 */
public final class TreeSpeedComparison {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private TreeSpeedComparison() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int parents = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long bestCreate = Long.MAX_VALUE;
        long bestChildren = Long.MAX_VALUE;
        long bestSnapshot = Long.MAX_VALUE;
        long bestChildrenEncoded = Long.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long start = CPU.getCurrentThreadCpuTime();
            DataTree tree = TreeMemoryMeasurement.wardenTree(nodes, parents, 100);
            bestCreate = Math.min(bestCreate, CPU.getCurrentThreadCpuTime() - start);

            start = CPU.getCurrentThreadCpuTime();
            List<Id> ids = List.of(new Id("ip", "127.0.0.1"));
            for (int repeat = 0; repeat < 5; repeat++) {
                for (int p = 0; p < parents; p++) {
                    OpResult.ChildrenResult children = (OpResult.ChildrenResult) tree.getChildren("/p" + p, ids, null);
                    sink += children.children().size() + children.children().get(0).length();
                }
            }
            bestChildren = Math.min(bestChildren, CPU.getCurrentThreadCpuTime() - start);

            // the same, and the names encoded as the reply does (a server answers with the bytes)
            start = CPU.getCurrentThreadCpuTime();
            JuteOutput reply = new JuteOutput(1 << 16);
            for (int repeat = 0; repeat < 5; repeat++) {
                for (int p = 0; p < parents; p++) {
                    OpResult.ChildrenResult children = (OpResult.ChildrenResult) tree.getChildren("/p" + p, ids, null);
                    reply.reset();
                    reply.writeStringList(children.children()); // as GetChildrenResponse writes them
                    sink += reply.size();
                }
            }
            bestChildrenEncoded = Math.min(bestChildrenEncoded, CPU.getCurrentThreadCpuTime() - start);

            start = CPU.getCurrentThreadCpuTime();
            TreeSnapshot snapshot = tree.beginSnapshot();
            JuteOutput out = new JuteOutput(1 << 21);
            while (snapshot.hasMore()) {
                for (NodeRecord node : snapshot.nextChunk(2000)) {
                    out.writeString(node.path());
                    out.writeBuffer(node.data());
                    out.writeRecordList(node.acl());
                    out.writeLong(node.czxid());
                    out.writeLong(node.mzxid());
                    out.writeLong(node.ctime());
                    out.writeLong(node.mtime());
                    out.writeLong(node.pzxid());
                    out.writeInt(node.version());
                    out.writeInt(node.aversion());
                    out.writeInt(node.childCreates());
                    out.writeLong(node.ephemeralOwner());
                    if (out.size() >= 1 << 20) {
                        sink += out.size();
                        out.reset();
                    }
                }
            }
            bestSnapshot = Math.min(bestSnapshot, CPU.getCurrentThreadCpuTime() - start);
        }
        System.out.printf("%,d sequential creates under %d parents: %d ms (%.0f ns each)%n", nodes, parents,
                bestCreate / 1_000_000, (double) bestCreate / nodes);
        System.out.printf("getChildren of %d parents of %,d children, 5 times: %d ms (%.1f ns per child)%n", parents,
                nodes / parents, bestChildren / 1_000_000, (double) bestChildren / (5L * nodes));
        System.out.printf("the same with the names encoded as a reply: %d ms (%.1f ns per child)%n",
                bestChildrenEncoded / 1_000_000, (double) bestChildrenEncoded / (5L * nodes));
        System.out.printf("snapshot of %,d nodes read out and encoded: %d ms (%.0f ns per node)%n", nodes,
                bestSnapshot / 1_000_000, (double) bestSnapshot / nodes);
        System.out.println("(checksum " + sink + ")");
    }
}
