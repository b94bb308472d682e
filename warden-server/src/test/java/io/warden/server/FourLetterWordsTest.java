package io.warden.server;

import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendText;
import org.junit.jupiter.api.Test;

/** Four-letter words on the client port: whitelist, ruok, srvr, mntr (§8). */
class FourLetterWordsTest {

    private static String run(CoreHarness h, String command) {
        long conn = h.open();
        List<ServerOutput> mine = to(h.feed(new ServerInput.FourLetterWord(conn, command)), conn);
        assertThat(mine).hasSize(2);
        assertThat(mine.get(1)).as("closed after the answer").isEqualTo(new ServerOutput.CloseConnection(conn));
        return ((SendText) mine.get(0)).text();
    }

    private static CoreHarness allowing(String... words) {
        return new CoreHarness(CoreHarness.config(60, Set.of(words)));
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    @Test
    void commandOutsideTheWhitelistIsRefusedWithZooKeepersText() {
        CoreHarness h = allowing("srvr");
        assertThat(run(h, "ruok")).isEqualTo("ruok is not executed because it is not in the whitelist.\n");
        assertThat(run(h, "mntr")).isEqualTo("mntr is not executed because it is not in the whitelist.\n");
    }

    @Test
    void ruokAnswersImok() {
        assertThat(run(allowing("ruok"), "ruok")).isEqualTo("imok");
        assertThat(run(allowing("*"), "ruok")).isEqualTo("imok");
    }

    @Test
    void srvrRunsByDefaultAndShowsModeAndZxid() {
        CoreHarness h = allowing("srvr");
        Client c = h.connect();
        for (int i = 0; i < 10; i++) {
            h.create(c.connId(), i + 1, "/n" + i, 0);
        }
        List<String> lines = lines(run(h, "srvr"));
        assertThat(lines.get(0)).isEqualTo("Zookeeper version: 3.9.3-test");
        assertThat(lines).contains("Mode: standalone", "Zxid: 0xb");
        assertThat(lines).anyMatch(l -> l.startsWith("Latency min/avg/max: "));
        assertThat(lines).anyMatch(l -> l.startsWith("Received: "));
        assertThat(lines).anyMatch(l -> l.startsWith("Sent: "));
        assertThat(lines).anyMatch(l -> l.startsWith("Outstanding: "));
        assertThat(lines).contains("Connections: 2");
    }

    @Test
    void mntrReportsTheZnodeCount() {
        CoreHarness h = allowing("*");
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        h.create(c.connId(), 2, "/a/b", 0);
        h.create(c.connId(), 3, "/e", 1);
        String before = run(h, "mntr");
        h.request(c.connId(), 4, io.warden.wire.OpCode.DELETE, new io.warden.wire.proto.DeleteRequest("/a/b", -1));
        String after = run(h, "mntr");
        assertThat(mntr(before, "zk_znode_count") - mntr(after, "zk_znode_count")).isEqualTo(1);
        assertThat(mntr(before, "zk_ephemerals_count")).isEqualTo(1);
        assertThat(lines(before)).contains("zk_server_state\tstandalone");
        assertThat(lines(before)).allMatch(l -> l.split("\t").length == 2, "key<TAB>value");
    }

    @Test
    void znodeCountIsZooKeepersCountWhichListsTheRootTwice() {
        CoreHarness h = allowing("*");
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        h.create(c.connId(), 2, "/a/b", 0);
        assertThat(mntr(run(h, "mntr"), "zk_znode_count")).isEqualTo(5 + 2);
        assertThat(lines(run(h, "srvr"))).contains("Node count: " + (5 + 2));
    }

    @Test
    void approximateDataSizeCountsPathLengthsAndDataLikeZooKeeper() {
        CoreHarness h = allowing("*");
        int builtIns = "".length() + "/".length() + "/zookeeper".length() + "/zookeeper/quota".length()
                + "/zookeeper/config".length();
        assertThat(mntr(run(h, "mntr"), "zk_approximate_data_size")).isEqualTo(builtIns);
        Client c = h.connect();
        h.request(c.connId(), 1, io.warden.wire.OpCode.CREATE, new io.warden.wire.proto.CreateRequest("/abc",
                new byte[5], io.warden.wire.Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(mntr(run(h, "mntr"), "zk_approximate_data_size")).isEqualTo(builtIns + 4 + 5);
    }

    private static long mntr(String text, String key) {
        for (String line : lines(text)) {
            String[] parts = line.split("\t");
            if (parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        throw new AssertionError("no " + key + " in " + text);
    }
}
