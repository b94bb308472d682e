package io.warden.storage.zookeeper;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.persistence.SnapStream;

/**
 * What a real ZooKeeper served just before it stopped, after running {@link ZkWorkload}: every
 * node as its client read it, the open sessions with their negotiated timeouts, the last zxid.
 */
record ZkServed(Map<String, NodeView> nodes, Map<Long, Integer> sessions, long lastZxid, long midwayZxid) {

    /** How the ZooKeeper that produces the files is run. */
    record Setup(int snapCount, boolean digestEnabled, SnapStream.StreamMode streamMode, boolean snapshotMidway,
            boolean snapshotAtEnd) {
        static Setup plain() {
            return new Setup(100_000, true, SnapStream.StreamMode.CHECKED, true, false);
        }
    }

    /** Runs ZooKeeper with its data in {@code dir} through the workload, then stops it. */
    static ZkServed produce(Path dir, Setup setup) throws Exception {
        try (RealZooKeeper zk = RealZooKeeper.start(dir, setup.snapCount(), setup.digestEnabled(),
                setup.streamMode())) {
            ZooKeeper main = ZkWorkload.connectAsAlice(zk);
            long[] midway = {-1};
            List<ZooKeeper> open = ZkWorkload.run(zk, main, () -> {
                midway[0] = zk.server().getZKDatabase().getDataTreeLastProcessedZxid();
                if (setup.snapshotMidway()) {
                    zk.takeSnapshot();
                }
            });
            Map<String, NodeView> nodes = NodeView.readLive(main);
            Map<Long, Integer> sessions = new HashMap<>();
            for (ZooKeeper client : open) {
                sessions.put(client.getSessionId(), client.getSessionTimeout());
            }
            if (!sessions.equals(new HashMap<>(zk.server().getZKDatabase().getSessionWithTimeOuts()))) {
                throw new IllegalStateException("ZooKeeper holds other sessions than the open clients: "
                        + zk.server().getZKDatabase().getSessionWithTimeOuts());
            }
            long lastZxid = zk.server().getZKDatabase().getDataTreeLastProcessedZxid();
            if (setup.snapshotAtEnd()) {
                zk.takeSnapshot();
            }
            zk.stop();
            return new ZkServed(nodes, sessions, lastZxid, midway[0]);
        }
    }
}
