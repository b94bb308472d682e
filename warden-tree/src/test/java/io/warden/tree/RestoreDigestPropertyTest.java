package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;

/**
 * A restore sums the digest from the records as it inserts them, without reading the stored
 * records back: on trees of every kind of node (persistent, sequential, ephemeral, container, TTL),
 * data from empty to past the inline limit, several ACLs, children added and removed, that digest
 * equals the running tree's, and so does the digest of a tree restored again from the restored
 * tree's own records (so what the restore stored decodes to what it was given).
 */
class RestoreDigestPropertyTest {
    private static final int SEEDS = 40;
    private static final int TXNS = 400;
    private static final List<List<Acl>> ACLS = List.of(Acl.OPEN_ACL_UNSAFE, Acl.READ_ACL_UNSAFE,
            List.of(new Acl(Perms.READ | Perms.WRITE, new Id("ip", "10.0.0.1")), new Acl(Perms.ALL, new Id("digest",
                    "admin:x1nq8J5GOJVPY6zgzhtTtA9izLc="))));
    private static final int[][] MODES = { // opCode, flags
        {OpCode.CREATE, 0}, {OpCode.CREATE2, 2}, {OpCode.CREATE, 1}, {OpCode.CREATE, 3},
        {OpCode.CREATE_CONTAINER, 4}, {OpCode.CREATE_TTL, 5}, {OpCode.CREATE_TTL, 6}};

    @Test
    void theRestoredDigestIsTheRunningTreesAndTheStoredRecords() {
        int[] kinds = new int[4]; // ephemeral, container, TTL, data past the inline limit
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            DataTree tree = new DataTree(new TreeOptions(true, false));
            List<String> paths = new ArrayList<>(List.of("/"));
            long zxid = 0;
            long[] sessions = {0x100L + seed, 0x200L + seed};
            for (long session : sessions) {
                tree.apply(new Txn(++zxid, 1_700_000_000_000L, session, 0, List.of(),
                        new TxnOp.CreateSession(session, 30_000)));
            }
            for (int i = 0; i < TXNS; i++) {
                String parent = paths.get(random.nextInt(paths.size()));
                long session = sessions[random.nextInt(sessions.length)];
                TxnOp op;
                int kind = random.nextInt(10);
                if (kind < 6) {
                    int[] mode = MODES[random.nextInt(MODES.length)];
                    String path = (parent.equals("/") ? "" : parent) + "/n" + random.nextInt(50);
                    op = new TxnOp.Create(mode[0], path, data(random), ACLS.get(random.nextInt(ACLS.size())), mode[1],
                            mode[0] == OpCode.CREATE_TTL ? 1 + random.nextInt(100_000) : -1);
                } else if (kind < 8 && !parent.equals("/")) {
                    op = new TxnOp.SetData(parent, data(random), -1);
                } else if (!parent.equals("/")) {
                    op = new TxnOp.Delete(parent, -1, false);
                } else {
                    continue;
                }
                OpResult result = tree.apply(new Txn(++zxid, 1_700_000_000_000L + i, session, i, List.of(), op)).result();
                if (result instanceof OpResult.Created created) {
                    paths.add(created.path());
                } else if (op instanceof TxnOp.Delete d && !(result instanceof OpResult.Failed)) {
                    paths.remove(d.path());
                }
            }
            for (NodeRecord node : TreeFixture.readAll(tree.beginSnapshot(), () -> 100)) {
                kinds[0] += EphemeralOwner.isSession(node.ephemeralOwner()) ? 1 : 0;
                kinds[1] += EphemeralOwner.isContainer(node.ephemeralOwner()) ? 1 : 0;
                kinds[2] += EphemeralOwner.isTtl(node.ephemeralOwner()) ? 1 : 0;
                kinds[3] += node.data() != null && node.data().length > 1024 ? 1 : 0;
            }
            DataTree restored = restore(tree, random);
            assertThat(restored.nodeCount()).as("seed %d", seed).isEqualTo(tree.nodeCount());
            assertThat(restored.digest()).as("seed %d: the restore's digest", seed).isEqualTo(tree.digest());
            // restored again from what the first restore stored: its records decode to what it was given
            assertThat(restore(restored, random).digest()).as("seed %d: the digest of the stored records", seed)
                    .isEqualTo(tree.digest());
        }
        assertThat(Arrays.stream(kinds).boxed().toList())
                .as("trees held every kind of node (ephemeral, container, TTL, large data): %s", Arrays.toString(kinds))
                .allMatch(count -> count > 0);
    }

    private static DataTree restore(DataTree tree, Random random) {
        TreeSnapshot snapshot = tree.beginSnapshot();
        List<NodeRecord> records = TreeFixture.readAll(snapshot, () -> 1 + random.nextInt(50));
        return DataTree.restore(new TreeOptions(true, false), snapshot.zxid(), snapshot.sessions(), records);
    }

    private static byte[] data(Random random) {
        int size = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(16);
            case 2 -> 100 + random.nextInt(900);
            default -> 1000 + random.nextInt(1200); // past the inline limit
        };
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }
}
