package io.warden.storage.zookeeper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

import io.warden.tree.DataTree;
import io.warden.tree.OpResult;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.Stat;

/**
 * One znode as a client sees it (data, every Stat field, the ACL), read either from a live
 * ZooKeeper through its client or from a Warden tree, so that the two can be compared.
 */
record NodeView(String data, Stat stat, List<Acl> acl) {
    private static final List<Id> SUPER = List.of(new Id("super", ""));

    static String describe(byte[] data) {
        return data == null ? "null" : HexFormat.of().formatHex(data);
    }

    /** Every node a ZooKeeper client can reach from the root, by path. */
    static Map<String, NodeView> readLive(ZooKeeper client) throws KeeperException, InterruptedException {
        Map<String, NodeView> nodes = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("/"));
        while (!pending.isEmpty()) {
            String path = pending.pop();
            org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            byte[] data = client.getData(path, false, stat);
            org.apache.zookeeper.data.Stat aclStat = new org.apache.zookeeper.data.Stat();
            List<Acl> acl = new ArrayList<>();
            for (ACL entry : client.getACL(path, aclStat)) {
                acl.add(new Acl(entry.getPerms(), new Id(entry.getId().getScheme(), entry.getId().getId())));
            }
            nodes.put(path, new NodeView(describe(data), wardenStat(stat), acl));
            for (String child : client.getChildren(path, false)) {
                pending.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        return nodes;
    }

    /** Every node of a Warden tree, read as a super user would. */
    static Map<String, NodeView> readWarden(DataTree tree) {
        Map<String, NodeView> nodes = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("/"));
        while (!pending.isEmpty()) {
            String path = pending.pop();
            OpResult.DataResult data = (OpResult.DataResult) tree.getData(path, SUPER, null);
            OpResult.AclResult acl = (OpResult.AclResult) tree.getAcl(path, SUPER);
            nodes.put(path, new NodeView(describe(data.data()), data.stat(), acl.acl()));
            for (String child : ((OpResult.ChildrenResult) tree.getChildren(path, SUPER, null)).children()) {
                pending.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        return nodes;
    }

    static Stat wardenStat(org.apache.zookeeper.data.Stat s) {
        return new Stat(s.getCzxid(), s.getMzxid(), s.getCtime(), s.getMtime(), s.getVersion(), s.getCversion(),
                s.getAversion(), s.getEphemeralOwner(), s.getDataLength(), s.getNumChildren(), s.getPzxid());
    }
}
