package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.warden.common.ZnodePaths;
import io.warden.wire.Acl;
import io.warden.wire.Id;

/**
 * The compact node store against a plain model (a sorted map of paths to fields) over seeded
 * random inserts, removals (some undone before they are released), data and field changes and
 * ACL changes, with data sizes around the inline limit and names that are not ASCII, enough of
 * them that slab pages get emptied and compacted and ids get reused.
 */
class NodeStoreModelTest {
    private static final long[] SEEDS = {1, 2, 3, 42, 0xC0FFEE};
    private static final int STEPS = 12_000;
    private static final List<List<Acl>> ACLS = List.of(Acl.OPEN_ACL_UNSAFE, Acl.READ_ACL_UNSAFE,
            List.of(new Acl(31, new Id("digest", "user:secret")), new Acl(1, new Id("world", "anyone"))));
    private static final String[] NAMES = {"a", "b", "node", "zk_é", "ü", "long-" + "x".repeat(300), "c0000000012"};

    /** What the model holds for one node. */
    private static final class Expected {
        byte[] data;
        List<Acl> acl;
        NodeStore.Meta fields;
        long czxid;
        long ctime;
    }

    @Test
    void theStoreAnswersLikeTheModel() {
        for (long seed : SEEDS) {
            run(seed);
        }
    }

    @Test
    void aRecordLargerThanASlabPageGetsAPageOfItsOwn() {
        NodeStore store = new NodeStore();
        store.createRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, NodeStore.Meta.created(0, 0, 0), 0, 0);
        String name = "n".repeat(Slab.PAGE_BYTES + 10);
        byte[] data = {1, 2, 3};
        int id = store.insert(NodeStore.ROOT, name, "/" + name, data, Acl.OPEN_ACL_UNSAFE,
                NodeStore.Meta.created(5, 6, 0), 5, 6);
        int small = store.insert(NodeStore.ROOT, "small", "/small", data, Acl.OPEN_ACL_UNSAFE,
                NodeStore.Meta.created(7, 8, 0), 7, 8);
        assertThat(store.find("/" + name)).isEqualTo(id);
        assertThat(store.data(id)).isEqualTo(data);
        assertThat(store.name(id)).isEqualTo(name);
        store.unlink(id);
        store.releaseRemoved();
        assertThat(store.find("/" + name)).isEqualTo(NodeStore.NONE);
        assertThat(store.find("/small")).isEqualTo(small);
        assertThat(store.childNames(NodeStore.ROOT, 1)).containsExactly("small");
    }

    private static void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NodeStore store = new NodeStore();
        Map<String, Expected> model = new TreeMap<>();
        Expected root = expected(null, Acl.OPEN_ACL_UNSAFE, 0, 0);
        store.createRoot(null, root.acl, root.fields.copy(), 0, 0);
        model.put("/", root);
        long zxid = 1;
        for (int step = 0; step < STEPS; step++) {
            zxid++;
            List<String> paths = new ArrayList<>(model.keySet());
            String path = paths.get(random.nextInt(paths.size()));
            int op = random.nextInt(10);
            String where = "seed " + seed + " step " + step + " " + path;
            if (op < 4 && model.size() < 3000) {
                String name = NAMES[random.nextInt(NAMES.length)] + random.nextInt(400);
                String child = ZnodePaths.child(path, name);
                if (!model.containsKey(child)) {
                    Expected e = expected(data(random), ACLS.get(random.nextInt(ACLS.size())), zxid, zxid * 7);
                    e.fields.ephemeralOwner = random.nextInt(4) == 0 ? random.nextLong() : 0;
                    store.insert(store.find(path), name, child, e.data, e.acl, e.fields.copy(), e.czxid, e.ctime);
                    model.put(child, e);
                    Expected parent = model.get(path);
                    parent.fields.childCount++;
                }
            } else if (op < 7 && !path.equals("/") && store.childCount(store.find(path)) == 0) {
                int id = store.find(path);
                store.unlink(id);
                if (random.nextInt(4) == 0) {
                    store.relink(id);
                } else {
                    model.remove(path);
                    model.get(ZnodePaths.parent(path)).fields.childCount--;
                }
                store.releaseRemoved();
                assertThat(store.isLinked(id)).as(where).isEqualTo(model.containsKey(path));
            } else if (op == 7) {
                Expected e = model.get(path);
                e.data = data(random);
                e.fields.mzxid = zxid;
                e.fields.version++;
                store.setData(store.find(path), path, e.data, e.fields.copy());
            } else if (op == 8) {
                Expected e = model.get(path);
                e.fields.pzxid = random.nextBoolean() ? e.czxid : zxid;
                e.fields.childCreates = random.nextInt(3) == 0 ? 0 : random.nextInt();
                e.fields.mtime = random.nextBoolean() ? e.ctime : zxid;
                e.fields.aversion = random.nextInt(3);
                store.update(store.find(path), e.fields.copy());
            } else {
                Expected e = model.get(path);
                e.acl = ACLS.get(random.nextInt(ACLS.size()));
                store.setAcl(store.find(path), e.acl, e.fields.copy());
            }
            if (step % 500 == 0 || step == STEPS - 1) {
                check(store, model, "seed " + seed + " step " + step);
            }
        }
        assertThat(store.pagesCompacted).as("seed %d: pages were compacted", seed).isPositive();
    }

    private static void check(NodeStore store, Map<String, Expected> model, String where) {
        assertThat(store.size()).as(where).isEqualTo(model.size());
        Map<String, List<String>> childrenOf = new HashMap<>();
        for (String other : model.keySet()) { // sorted: each list comes out in name order
            if (!other.equals("/")) {
                childrenOf.computeIfAbsent(ZnodePaths.parent(other), parent -> new ArrayList<>())
                        .add(ZnodePaths.name(other));
            }
        }
        for (Map.Entry<String, Expected> entry : model.entrySet()) {
            String path = entry.getKey();
            Expected e = entry.getValue();
            int id = store.find(path);
            assertThat(id).as("%s: %s", where, path).isNotEqualTo(NodeStore.NONE);
            assertThat(store.path(id)).as(where).isEqualTo(path);
            assertThat(store.data(id)).as("%s: data of %s", where, path).isEqualTo(e.data);
            assertThat(store.acl(id)).as(where).isEqualTo(e.acl);
            NodeStore.Meta m = store.meta(id);
            assertThat(new long[] {m.mzxid, m.mtime, m.pzxid, m.version, m.aversion, m.childCreates, m.childCount,
                    m.ephemeralOwner, m.dataLength})
                    .as("%s: fields of %s", where, path)
                    .containsExactly(e.fields.mzxid, e.fields.mtime, e.fields.pzxid, e.fields.version,
                            e.fields.aversion, e.fields.childCreates, e.fields.childCount, e.fields.ephemeralOwner,
                            e.data == null ? 0 : e.data.length);
            List<String> children = new ArrayList<>(store.childNames(id, m.childCount));
            List<String> expectedChildren = new ArrayList<>(childrenOf.getOrDefault(path, List.of()));
            expectedChildren.sort(null);
            children.sort(null);
            assertThat(children).as("%s: children of %s", where, path).isEqualTo(expectedChildren);
            NodeRecord record = store.record(id, path);
            assertThat(store.hash(id)).as(where).isEqualTo(NodeHashReference.of(record));
        }
        assertThat(store.find("/missing/x")).isEqualTo(NodeStore.NONE);
        assertThat(store.find("a")).isEqualTo(NodeStore.NONE);
    }

    private static Expected expected(byte[] data, List<Acl> acl, long zxid, long timeMs) {
        Expected e = new Expected();
        e.data = data;
        e.acl = acl;
        e.czxid = zxid;
        e.ctime = timeMs;
        e.fields = NodeStore.Meta.created(zxid, timeMs, 0);
        return e;
    }

    private static byte[] data(SplittableRandom random) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return null;
        }
        int length = switch (kind) {
            case 1 -> 0;
            case 2 -> random.nextInt(100);
            case 3 -> NodeStore.INLINE_DATA_MAX_BYTES - 2 + random.nextInt(4);
            case 4 -> 600 + random.nextInt(400);
            default -> 2000;
        };
        byte[] data = new byte[length];
        random.nextBytes(data);
        return Arrays.copyOf(data, length);
    }
}
