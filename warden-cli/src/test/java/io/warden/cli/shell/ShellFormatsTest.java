package io.warden.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.client.ConnectionState;
import io.warden.client.EventType;
import io.warden.client.WardenException;
import io.warden.client.WatchEvent;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import io.warden.wire.Stat;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellFormatsTest {

    @Test
    void statLinesAreZkClisWithZxidsInHex() {
        Stat stat = new Stat(0x2L, 0xaL, 1_000L, 2_000L, 2, 3, 1, 0x1000abcL, 5, 3, 0x5L);
        assertThat(StatText.lines(stat)).containsExactly(
                "cZxid = 0x2", "ctime = " + new Date(1_000L), "mZxid = 0xa", "mtime = " + new Date(2_000L),
                "pZxid = 0x5", "cversion = 3", "dataVersion = 2", "aclVersion = 1", "ephemeralOwner = 0x1000abc",
                "dataLength = 5", "numChildren = 3");
    }

    @Test
    void aclsPrintAsSchemeIdThenPermissionLetters() {
        assertThat(AclText.lines(List.of(new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.CREATE | Perms.READ,
                new Id("digest", "u:x"))))).containsExactly("'world,'anyone", ": cdrwa", "'digest,'u:x", ": cr");
        assertThat(AclText.perms(0)).isEmpty();
    }

    @Test
    void errorsReadAsZkClisMessages() {
        assertThat(ErrorText.of(new WardenException(ErrorCode.NONODE, "/x", null))).isEqualTo("Node does not exist: /x");
        assertThat(ErrorText.of(new WardenException(ErrorCode.BADVERSION, "/x", null)))
                .isEqualTo("version No is not valid : /x");
        assertThat(ErrorText.of(new WardenException(ErrorCode.NOWATCHER, "/x", null)))
                .isEqualTo("KeeperErrorCode = No such watcher for /x");
        assertThat(ErrorText.of(new WardenException(ErrorCode.CONNECTIONLOSS, null, null)))
                .isEqualTo("KeeperErrorCode = ConnectionLoss");
    }

    @Test
    void watchEventsPrintAsWatcherBlocks() {
        assertThat(WatchEventText.of(new WatchEvent(EventType.NODE_DATA_CHANGED, "/w", 20)))
                .isEqualTo("\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/w zxid: 20");
        assertThat(WatchEventText.of(ConnectionState.CLOSED))
                .isEqualTo("\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null zxid: -1");
        assertThat(WatchEventText.stateName(ConnectionState.SUSPENDED)).isEqualTo("Disconnected");
    }

    @Test
    void dataPrintsAsTextBase64OrHexdump() {
        byte[] e = "e".getBytes(StandardCharsets.UTF_8);
        assertThat(DataText.text(null)).isEqualTo("null");
        assertThat(DataText.text(e)).isEqualTo("e");
        assertThat(DataText.base64(e)).isEqualTo("ZQ==");
        // As zkCli 3.9.3 printed `get -x` of a node holding "e".
        assertThat(DataText.hexdump(e)).containsExactly(
                "         +-------------------------------------------------+",
                "         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |",
                "+--------+-------------------------------------------------+----------------+",
                "|00000000| 65                                              |e               |",
                "+--------+-------------------------------------------------+----------------+");
        byte[] seventeen = new byte[17];
        seventeen[16] = (byte) 0xFF;
        assertThat(DataText.hexdump(seventeen).get(3)).startsWith("|00000000| 00 00").endsWith("|................|");
        assertThat(DataText.hexdump(seventeen).get(4)).isEqualTo(
                "|00000010| ff                                              |.               |");
    }
}
