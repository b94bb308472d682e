package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack that made a store unrestartable: writes whose path is a jute null (length -1), of
 * every kind, single and in a multi, sent over a raw socket to a real server process between
 * acknowledged writes. They are refused with ZooKeeper's codes; the server restarts after SIGTERM
 * and after SIGKILL with every acknowledged write, and takes the same attack again.
 */
class NullPathWritesProcessTest {
    @TempDir
    Path dir;

    private static final Map<String, byte[]> ATTACKS = Map.of(
            "create", body(1, MalformedRequestsDifferentialTest.create(null, 0)),
            "create sequential", body(1, MalformedRequestsDifferentialTest.create(null, 2)),
            "create2", body(15, MalformedRequestsDifferentialTest.create(null, 0)),
            "createContainer", body(19, MalformedRequestsDifferentialTest.create(null, 4)),
            "delete", body(2, JuteBytes.create().ustring(null).i32(-1)),
            "setData", body(5, JuteBytes.create().ustring(null).buffer(new byte[] {1}).i32(-1)),
            "setACL", body(7, JuteBytes.create().ustring(null).acl(31, "world", "anyone").i32(-1)),
            "multi", body(14, JuteBytes.create().raw(MalformedRequestsDifferentialTest.multi(
                    1, MalformedRequestsDifferentialTest.create(null, 0),
                    2, JuteBytes.create().ustring(null).i32(-1),
                    5, JuteBytes.create().ustring(null).buffer(null).i32(-1),
                    13, JuteBytes.create().ustring(null).i32(-1)))));

    /** An op code followed by its body, packed so the map can hold both. */
    private static byte[] body(int op, JuteBytes body) {
        return JuteBytes.create().i32(op).raw(body.bytes()).bytes();
    }

    @Test
    void writesWithoutAPathNeverKeepTheServerFromRestarting() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, List.of("snapCount=50"), List.of())) {
            writeAndAttack(server, "first", acknowledged);
            assertThat(server.terminate()).as("stopped by SIGTERM (128 + 15), after the shutdown hook ran")
                    .isEqualTo(ServerProcess.SIGTERM_EXIT_STATUS);
            server.launch(null);
            assertAllThere(server, acknowledged);

            writeAndAttack(server, "second", acknowledged);
            server.kill();
            server.launch(null);
            assertAllThere(server, acknowledged);
            assertThat(server.mntr("warden_request_failures")).isZero();
            assertThat(server.mntr("warden_apply_failures")).isZero();
        }
    }

    private static void writeAndAttack(ServerProcess server, String round, List<String> acknowledged)
            throws Exception {
        try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
            String root = client.zk().create("/" + round, null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            acknowledged.add(root);
            for (int i = 0; i < 40; i++) {
                for (Map.Entry<String, byte[]> attack : ATTACKS.entrySet()) {
                    int err = attack(server, attack.getValue());
                    assertThat(KeeperException.Code.get(err)).as("%s", attack.getKey()).isIn(
                            KeeperException.Code.MARSHALLINGERROR, KeeperException.Code.BADARGUMENTS);
                }
                acknowledged.add(client.zk().create(root + "/n-", ("v" + i).getBytes(StandardCharsets.UTF_8),
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
            }
        }
    }

    /** Sends one attack on a session of its own and returns the error code of its reply. */
    private static int attack(ServerProcess server, byte[] opAndBody) {
        int op = java.nio.ByteBuffer.wrap(opAndBody).getInt();
        byte[] body = java.util.Arrays.copyOfRange(opAndBody, 4, opAndBody.length);
        try (RawConnection raw = RawConnection.open(server)) {
            raw.handshake(30_000);
            RawConnection.Outcome outcome = raw.call(1, op, body);
            assertThat(outcome).isInstanceOf(RawConnection.Frame.class);
            return ((RawConnection.Frame) outcome).header().err();
        }
    }

    private static void assertAllThere(ServerProcess server, List<String> acknowledged) throws Exception {
        try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
            for (String path : acknowledged) {
                assertThat(client.zk().exists(path, false)).as("acknowledged %s", path).isNotNull();
            }
        }
    }
}
