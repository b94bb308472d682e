package io.warden.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.warden.wire.Acl;

/**
 * ACL lists interned to small ids, counted by the nodes that use them: nodes store the id, and a
 * list no node uses any more is forgotten. Each list keeps the words it adds to a node's hash
 * (see {@link NodeHash}), computed once.
 */
final class AclTable {
    private final Map<List<Acl>, Integer> ids = new HashMap<>();
    private final List<List<Acl>> lists = new ArrayList<>();
    private final List<long[]> words = new ArrayList<>();
    private int[] users = new int[16];
    private int[] freeIds = new int[16];
    private int freeCount;

    /** The id of {@code acl}, counting one more user. */
    int acquire(List<Acl> acl) {
        Integer known = ids.get(acl);
        if (known != null) {
            users[known]++;
            return known;
        }
        List<Acl> copy = List.copyOf(acl);
        int id;
        if (freeCount > 0) {
            id = freeIds[--freeCount];
            lists.set(id, copy);
            words.set(id, NodeHash.aclWords(copy));
        } else {
            id = lists.size();
            lists.add(copy);
            words.add(NodeHash.aclWords(copy));
            if (id == users.length) {
                users = Arrays.copyOf(users, id * 2);
            }
        }
        ids.put(copy, id);
        users[id] = 1;
        return id;
    }

    /** One user fewer; the list is forgotten when none is left. */
    void release(int id) {
        if (--users[id] == 0) {
            ids.remove(lists.get(id));
            lists.set(id, null);
            words.set(id, null);
            if (freeCount == freeIds.length) {
                freeIds = Arrays.copyOf(freeIds, freeCount * 2);
            }
            freeIds[freeCount++] = id;
        }
    }

    List<Acl> list(int id) {
        return lists.get(id);
    }

    long[] words(int id) {
        return words.get(id);
    }

    int size() {
        return ids.size();
    }
}
