package io.warden.cli.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.warden.storage.SnapshotReader;
import io.warden.tree.NodeRecord;

/** The readable form of a Warden snapshot: header, sessions, then every node in path order. */
final class SnapshotListing {
    private SnapshotListing() {
    }

    static void print(String file, SnapshotReader.Snapshot snapshot, PrintStream out) {
        out.println("Warden snapshot " + file);
        out.println("  zxid      " + Formats.hex(snapshot.zxid()));
        out.println("  digest    " + Formats.hex(snapshot.digest()));
        out.println("  nodes     " + snapshot.nodes().size());
        out.println("  sessions  " + snapshot.sessions().size());
        for (Map.Entry<Long, Integer> session : new TreeMap<>(snapshot.sessions()).entrySet()) {
            out.println("    session " + Formats.hex(session.getKey()) + "  timeout " + session.getValue() + " ms");
        }
        Map<String, Integer> children = new HashMap<>();
        for (NodeRecord node : snapshot.nodes()) {
            String parent = parentOf(node.path());
            if (parent != null) {
                children.merge(parent, 1, Integer::sum);
            }
        }
        List<NodeRecord> nodes = new ArrayList<>(snapshot.nodes());
        nodes.sort((a, b) -> a.path().compareTo(b.path()));
        for (NodeRecord node : nodes) {
            int numChildren = children.getOrDefault(node.path(), 0);
            out.println(node.path());
            out.println("  data      " + Formats.data(node.data()));
            out.println("  zxids     czxid " + Formats.hex(node.czxid()) + "  mzxid " + Formats.hex(node.mzxid())
                    + "  pzxid " + Formats.hex(node.pzxid()));
            out.println("  times     ctime " + Formats.time(node.ctime()) + "  mtime " + Formats.time(node.mtime()));
            int cversion = 2 * node.childCreates() - numChildren;
            out.println("  versions  version " + node.version() + "  cversion " + cversion + "  aversion "
                    + node.aversion() + "  (child creates " + node.childCreates() + ", children " + numChildren + ")");
            out.println("  owner     " + Formats.owner(node.ephemeralOwner()));
            out.println("  acl       " + Formats.acl(node.acl()));
        }
    }

    private static String parentOf(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
