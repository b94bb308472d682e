package io.warden.tree;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.ZooDefs;

import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/**
 * Not a test: a measurement to run by hand. Builds the same tree (by default 1,000,000
 * persistent sequential nodes of 100 bytes under 10 parents) in Warden's {@link DataTree} and in
 * ZooKeeper 3.9's {@code DataTree}, one after the other in this JVM, and prints the heap each
 * holds after a full GC, per node, and the ratio.
 *
 * <pre>
 * ./mvnw -o -q -pl warden-tree test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -XX:+UseG1GC -cp warden-tree/target/test-classes:warden-tree/target/classes:$(cat /tmp/cp.txt) \
 *     io.warden.tree.TreeMemoryMeasurement [nodes] [parents] [dataBytes]
 * </pre>
 */
public final class TreeMemoryMeasurement {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private TreeMemoryMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int parents = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int dataBytes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        System.out.printf("%,d nodes of %d bytes under %d parents%n", nodes, dataBytes, parents);
        double warden = measure("warden", () -> wardenTree(nodes, parents, dataBytes), nodes);
        double zookeeper = measure("zookeeper 3.9", () -> zooKeeperTree(nodes, parents, dataBytes), nodes);
        System.out.printf("warden / zookeeper = %.3f%n", warden / zookeeper);
    }

    private interface Builder {
        Object build() throws Exception;
    }

    private static double measure(String name, Builder builder, int nodes) throws Exception {
        long base = usedAfterGc();
        Object tree = builder.build();
        long used = usedAfterGc() - base;
        double perNode = (double) used / nodes;
        System.out.printf("%-14s %,d bytes of heap, %.1f bytes per node (%s)%n", name, used, perNode,
                tree instanceof DataTree t ? t.layoutSummary() : tree.getClass().getName());
        return perNode;
    }

    static DataTree wardenTree(int nodes, int parents, int dataBytes) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        List<Id> ids = List.of(new Id("ip", "127.0.0.1"));
        long zxid = 0;
        long timeMs = 1_700_000_000_000L;
        for (int p = 0; p < parents; p++) {
            zxid++;
            check(tree.apply(new Txn(zxid, timeMs + zxid, 1, (int) zxid, ids,
                    new TxnOp.Create(OpCode.CREATE2, "/p" + p, new byte[0], Acl.OPEN_ACL_UNSAFE, 0, -1))).result());
        }
        for (int i = 0; i < nodes; i++) {
            zxid++;
            byte[] data = data(i, dataBytes);
            check(tree.apply(new Txn(zxid, timeMs + zxid, 1, (int) zxid, ids,
                    new TxnOp.Create(OpCode.CREATE2, "/p" + (i % parents) + "/n", data, Acl.OPEN_ACL_UNSAFE, 2, -1)))
                    .result());
        }
        return tree;
    }

    static Object zooKeeperTree(int nodes, int parents, int dataBytes) throws Exception {
        org.apache.zookeeper.server.DataTree tree = new org.apache.zookeeper.server.DataTree();
        long zxid = 0;
        long timeMs = 1_700_000_000_000L;
        int[] childCreates = new int[parents];
        for (int p = 0; p < parents; p++) {
            zxid++;
            tree.createNode("/p" + p, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, 0, 0, zxid, timeMs + zxid);
        }
        for (int i = 0; i < nodes; i++) {
            zxid++;
            int p = i % parents;
            String path = "/p" + p + "/n" + String.format("%010d", childCreates[p]);
            tree.createNode(path, data(i, dataBytes), ZooDefs.Ids.OPEN_ACL_UNSAFE, 0, ++childCreates[p], zxid,
                    timeMs + zxid);
        }
        return tree;
    }

    private static byte[] data(int i, int dataBytes) {
        byte[] data = new byte[dataBytes];
        for (int b = 0; b < dataBytes; b++) {
            data[b] = (byte) (i + b);
        }
        return data;
    }

    private static void check(OpResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("create failed: " + result);
        }
    }

    /** Heap in use after full collections, once two in a row agree. */
    static long usedAfterGc() {
        long previous = -1;
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            seen.add(used);
            if (previous >= 0 && Math.abs(used - previous) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return seen.get(seen.size() - 1);
    }
}
