package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that used to kill the driver thread of a real server process, leaving it accepting
 * connections and answering nothing: an exists with a null path, null watch paths followed by the
 * watch listings. The server answers them, every four-letter word still runs, other clients are
 * served. And when the server cannot go on (its disk fails), the process exits with a clear
 * message and a non-zero status, and restarts with every acknowledged write.
 */
class ServerSurvivesRequestsProcessTest {
    @TempDir
    Path dir;

    @Test
    void nullPathsInReadsAndWatchesLeaveEveryFourLetterWordAndEveryClientServed() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, List.of(), List.of());
                TestClient bystander = TestClient.connect(server.connectString(), 10_000)) {
            bystander.zk().create("/watched", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            bystander.zk().exists("/watched", true);
            try (RawConnection raw = RawConnection.open(server)) {
                raw.handshake(30_000);
                int xid = 1;
                for (int op : new int[] {3, 4, 8, 12}) {
                    assertThat(err(raw.call(xid++, op, JuteBytes.create().ustring(null).bool(true).bytes())))
                            .isEqualTo(KeeperException.Code.MARSHALLINGERROR);
                }
                assertThat(err(raw.call(xid++, 106, JuteBytes.create().ustring(null).i32(1).bytes())))
                        .isEqualTo(KeeperException.Code.MARSHALLINGERROR);
                assertThat(err(raw.call(xid++, 101, JuteBytes.create().i64(0).i32(1).ustring(null).i32(0).i32(0)
                        .bytes()))).isEqualTo(KeeperException.Code.MARSHALLINGERROR);
                assertThat(err(raw.call(xid++, 105, JuteBytes.create().i64(0).i32(0).i32(0).i32(0).i32(1)
                        .ustring(null).i32(0).bytes()))).isEqualTo(KeeperException.Code.MARSHALLINGERROR);
                for (String word : new String[] {"ruok", "wchs", "wchc", "wchp", "cons", "dump", "stat", "mntr",
                        "conf", "envi", "srvr"}) {
                    String answer = server.fourLetterWord(word);
                    assertThat(answer).as(word).isNotEmpty().doesNotContain("<still open");
                }
                assertThat(server.fourLetterWord("ruok")).isEqualTo("imok");
                assertThat(server.fourLetterWord("wchp")).contains("/watched");
                assertThat(err(raw.call(xid, 3, RawScenarios.pathWatch("/watched", false))))
                        .as("the attacking connection itself is still served").isEqualTo(KeeperException.Code.OK);
            }
            bystander.zk().setData("/watched", new byte[] {1}, -1);
            await().atMost(TestClient.WAIT).until(() -> !bystander.drainEvents().isEmpty());
            assertThat(server.mntr("warden_request_failures")).isZero();
        }
    }

    private static KeeperException.Code err(RawConnection.Outcome outcome) {
        assertThat(outcome).isInstanceOf(RawConnection.Frame.class);
        return KeeperException.Code.get(((RawConnection.Frame) outcome).header().err());
    }

    @Test
    void aServerWhoseDiskFailsExitsWithAClearMessageAndRestartsWithEveryAcknowledgedWrite() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        // The log grows in 16 KiB steps; the process may write files of at most 384 KiB, so its log
        // fails with "File too large" after a few hundred writes (the JVM ignores SIGXFSZ).
        try (ServerProcess server = ServerProcess.start(dir, List.of("preAllocSize=16", "snapCount=1000000"),
                List.of())) {
            server.terminate();
            server.launch("ulimit -f 384");
            byte[] data = new byte[1024];
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                for (int i = 0; i < 2000 && server.isAlive(); i++) {
                    try {
                        acknowledged.add(client.zk().create("/n" + i, data, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                                CreateMode.PERSISTENT));
                    } catch (KeeperException e) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // the server went away while the client was connected
            }
            assertThat(server.exitStatus()).as("the fatal exit status").isEqualTo(3);
            assertThat(server.log()).contains("warden: the transaction log failed")
                    .contains("exiting with status 3");
            assertThat(acknowledged).as("some writes were acknowledged first").hasSizeGreaterThan(10);

            server.launch(null);
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                for (String path : acknowledged) {
                    assertThat(client.zk().exists(path, false)).as("acknowledged %s", path).isNotNull();
                }
                client.zk().create("/after", "ok".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
            }
        }
    }
}
