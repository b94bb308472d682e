package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deleteContainer (op 20) sent by a client, which ZooKeeper 3.9 executes without any ACL check
 * on any empty node that is not a session's ephemeral: Warden follows ZooKeeper's rules and adds
 * the DELETE permission on the parent, as a delete needs. A node the client may not delete stays,
 * after a restart too; one it may delete goes.
 */
class DeleteContainerProcessTest {
    private static final int OP_DELETE_CONTAINER = 20;

    @TempDir
    Path dir;

    @Test
    void aClientsDeleteContainerNeedsDeleteOnTheParent() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, List.of(), List.of())) {
            try (TestClient owner = TestClient.connect(server.connectString(), 10_000)) {
                List<ACL> noDelete = new java.util.ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL & ~ZooDefs.Perms.DELETE,
                        ZooDefs.Ids.ANYONE_ID_UNSAFE)));
                owner.zk().create("/protected", null, noDelete, CreateMode.PERSISTENT);
                owner.zk().create("/protected/config", "keep".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                owner.zk().create("/open", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                owner.zk().create("/open/scratch", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            try (RawConnection raw = RawConnection.open(server)) {
                raw.handshake(30_000);
                assertThat(deleteContainer(raw, 1, "/protected/config")).isEqualTo(KeeperException.Code.NOAUTH);
                assertThat(deleteContainer(raw, 2, "/open/scratch")).isEqualTo(KeeperException.Code.OK);
                assertThat(deleteContainer(raw, 3, "/open/missing")).isEqualTo(KeeperException.Code.NONODE);
            }
            server.kill();
            server.launch(null);
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                assertThat(client.zk().getData("/protected/config", false, null)).isEqualTo("keep".getBytes());
                assertThat(client.zk().exists("/open/scratch", false)).isNull();
            }
        }
    }

    private static KeeperException.Code deleteContainer(RawConnection raw, int xid, String path) {
        RawConnection.Outcome outcome = raw.call(xid, OP_DELETE_CONTAINER, JuteBytes.create().ustring(path).bytes());
        return KeeperException.Code.get(((RawConnection.Frame) outcome).header().err());
    }
}
