package io.warden.cli.tools;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** Every node a client reaches from the root, as text: data, every Stat field, the ACL. */
final class LiveTree {
    private LiveTree() {
    }

    static Map<String, String> read(ZooKeeper client) throws KeeperException, InterruptedException {
        Map<String, String> nodes = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("/"));
        while (!pending.isEmpty()) {
            String path = pending.pop();
            Stat stat = new Stat();
            byte[] data = client.getData(path, false, stat);
            Stat aclStat = new Stat();
            String acl = client.getACL(path, aclStat).toString();
            nodes.put(path, (data == null ? "null" : HexFormat.of().formatHex(data)) + " " + stat + " " + acl
                    + " " + aclStat.equals(stat));
            for (String child : client.getChildren(path, false)) {
                pending.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        return nodes;
    }
}
