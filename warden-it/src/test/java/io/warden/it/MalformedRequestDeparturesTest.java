package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Warden departs from ZooKeeper on purpose: a {@code null} watch path in addWatch or in the
 * persistent lists of setWatches2. ZooKeeper 3.9 answers OK and registers a watch on no path,
 * which no event can fire. Warden refuses it with MARSHALLINGERROR, the answer ZooKeeper gives a
 * {@code null} path in every other watch list. The same requests run against both servers, and
 * each server's answer is asserted, so a change on either side shows up here. Afterwards every
 * watch listing still works and the official client is served.
 */
class MalformedRequestDeparturesTest {
    private static final int OP_ADD_WATCH = 106;
    private static final int OP_SET_WATCHES2 = 105;

    @TempDir
    Path dir;

    @Test
    void nullWatchPathsAreRefusedWhereZooKeeperRegistersThem() throws Exception {
        Map<ServerKind, Map<String, String>> answers = new LinkedHashMap<>();
        ServerOptions options = ServerOptions.defaults().withFourLetterWordWhitelist("*");
        for (ServerKind kind : new ServerKind[] {ServerKind.ZOOKEEPER, ServerKind.WARDEN}) {
            try (TestServer server = kind.start(dir.resolve(kind.name()), options)) {
                answers.put(kind, run(server));
            }
        }
        Map<String, String> zookeeper = answers.get(ServerKind.ZOOKEEPER);
        Map<String, String> warden = answers.get(ServerKind.WARDEN);
        assertThat(zookeeper).containsEntry("addWatch persistent", "OK")
                .containsEntry("addWatch persistent recursive", "OK")
                .containsEntry("setWatches2 persistent", "OK")
                .containsEntry("setWatches2 persistent recursive", "OK");
        assertThat(warden).containsEntry("addWatch persistent", "MARSHALLINGERROR")
                .containsEntry("addWatch persistent recursive", "MARSHALLINGERROR")
                .containsEntry("setWatches2 persistent", "MARSHALLINGERROR")
                .containsEntry("setWatches2 persistent recursive", "MARSHALLINGERROR");
        for (String word : new String[] {"wchs", "wchc", "wchp"}) {
            assertThat(warden.get(word)).as("Warden's %s", word).doesNotContain("null").doesNotContain("<");
        }
        assertThat(warden.get("official client")).isEqualTo("served");
    }

    private static Map<String, String> run(TestServer server) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("addWatch persistent", call(server, OP_ADD_WATCH, JuteBytes.create().ustring(null).i32(0).bytes()));
        answers.put("addWatch persistent recursive", call(server, OP_ADD_WATCH, JuteBytes.create().ustring(null)
                .i32(1).bytes()));
        answers.put("setWatches2 persistent", call(server, OP_SET_WATCHES2, JuteBytes.create().i64(0).i32(0).i32(0)
                .i32(0).i32(1).ustring(null).i32(0).bytes()));
        answers.put("setWatches2 persistent recursive", call(server, OP_SET_WATCHES2, JuteBytes.create().i64(0)
                .i32(0).i32(0).i32(0).i32(0).i32(1).ustring(null).bytes()));
        for (String word : new String[] {"wchs", "wchc", "wchp"}) {
            try (RawConnection raw = RawConnection.open(server)) {
                raw.send(word.getBytes(StandardCharsets.US_ASCII));
                answers.put(word, raw.readUntilClosed());
            }
        }
        try (TestClient client = TestClient.connect(server.connectString(), 30_000)) {
            client.zk().exists("/", false);
            answers.put("official client", "served");
        }
        return answers;
    }

    /** Sends one request on a fresh session and keeps the connection open while the next ones run. */
    private static String call(TestServer server, int op, byte[] body) {
        RawConnection raw = RawConnection.open(server);
        raw.handshake(30_000);
        RawConnection.Outcome outcome = raw.call(1, op, body);
        if (!(outcome instanceof RawConnection.Frame frame)) {
            raw.close();
            return RawConnection.describe(outcome);
        }
        int err = frame.header().err();
        // The session stays open (its watches with it) until the server expires it after the test.
        return err == 0 ? "OK" : org.apache.zookeeper.KeeperException.Code.get(err).name();
    }
}
