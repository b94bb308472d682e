package io.warden.it;

import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watch listings (wchs, wchc, wchp) with every kind of watch held, against ZooKeeper's: which
 * watches each lists and how it prints them.
 */
class WatchListingsDifferentialTest {
    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withFourLetterWordWhitelist("wchs,wchc,wchp"));

    @Test
    void everyKindOfWatchIsListedAsZooKeeperListsIt() {
        servers.run("watchListings", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            list(t, ctx, "with no watch", "");
            t.op("create a", () -> zk.create(ctx.path("a"), null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create b", () -> zk.create(ctx.path("b"), null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("getData a watch", () -> zk.getData(ctx.path("a"), true, null));
            t.op("exists missing watch", () -> zk.exists(ctx.path("missing"), true));
            t.op("getChildren b watch", () -> zk.getChildren(ctx.path("b"), true));
            t.run("addWatch b/c persistent", () -> zk.addWatch(ctx.path("b/c"), AddWatchMode.PERSISTENT));
            t.run("addWatch a recursive", () -> zk.addWatch(ctx.path("a"), AddWatchMode.PERSISTENT_RECURSIVE));
            list(t, ctx, "with every kind", "0x" + Long.toHexString(zk.getSessionId()));
        });
    }

    /**
     * The three listings, with the session's id replaced and the entries sorted: ZooKeeper lists
     * in hash order, Warden in sorted order, and neither order means anything.
     */
    private static void list(Transcript t, ScenarioContext ctx, String when, String session) throws Exception {
        for (String cmd : new String[] {"wchs", "wchc", "wchp"}) {
            try (RawConnection raw = ctx.raw()) {
                raw.send(cmd.getBytes(StandardCharsets.US_ASCII));
                String answer = raw.readUntilClosed();
                if (!session.isEmpty()) {
                    answer = answer.replace(session, "<S1>");
                }
                t.line(cmd + " " + when + " -> " + RawProtocolDifferentialTest.printable(
                        cmd.equals("wchs") ? answer : sortedBlocks(answer)));
            }
        }
    }

    /**
     * Each block (a line and the tab-indented lines under it) with its lines sorted, the blocks
     * sorted, and the newlines that end the listing kept as they were.
     */
    private static String sortedBlocks(String listing) {
        String body = listing.stripTrailing();
        String ending = listing.substring(body.length());
        java.util.List<java.util.List<String>> blocks = new java.util.ArrayList<>();
        for (String line : body.isEmpty() ? new String[0] : body.split("\n")) {
            if (line.startsWith("\t") && !blocks.isEmpty()) {
                blocks.get(blocks.size() - 1).add(line);
            } else {
                blocks.add(new java.util.ArrayList<>(java.util.List.of(line)));
            }
        }
        java.util.List<String> sorted = new java.util.ArrayList<>();
        for (java.util.List<String> block : blocks) {
            java.util.List<String> under = new java.util.ArrayList<>(block.subList(1, block.size()));
            java.util.Collections.sort(under);
            under.add(0, block.get(0));
            sorted.add(String.join("\n", under));
        }
        java.util.Collections.sort(sorted);
        return String.join("\n", sorted) + ending;
    }
}
