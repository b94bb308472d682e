package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** The harness's own normalisation and diff, which every differential test relies on. */
class TranscriptTest {

    @Test
    void sessionsAreLabelledInOrderOfAppearance() {
        Transcript t = new Transcript();
        assertThat(t.session(0x1234L)).isEqualTo("S1");
        assertThat(t.session(0x99L)).isEqualTo("S2");
        assertThat(t.session(0x1234L)).isEqualTo("S1");
        assertThat(t.session(0)).isEqualTo("0");
    }

    @Test
    void zxidsArePrintedRelativeToTheBaseButZeroAndNegativesAsTheyAre() {
        Transcript t = new Transcript();
        assertThat(t.zxid(17)).isEqualTo("17");
        t.setZxidBase(100);
        assertThat(t.zxid(100)).isEqualTo("b+0");
        assertThat(t.zxid(103)).isEqualTo("b+3");
        assertThat(t.zxid(98)).isEqualTo("b-2");
        assertThat(t.zxid(0)).isEqualTo("0");
        assertThat(t.zxid(-1)).isEqualTo("-1");
    }

    @Test
    void statTimesAreNormalisedAndEveryOtherFieldKept() {
        Transcript t = new Transcript();
        t.setZxidBase(10);
        Stat created = new Stat(11, 11, 5000, 5000, 0, 0, 0, 0x77L, 3, 0, 11);
        assertThat(t.stat(created)).isEqualTo("{czxid=b+1 mzxid=b+1 pzxid=b+1 ctime=t mtime=ctime version=0"
                + " cversion=0 aversion=0 owner=S1 dataLength=3 numChildren=0}");
        Stat modifiedSameMillisecond = new Stat(11, 12, 5000, 5000, 1, 2, 3, 0, 0, 4, 13);
        Stat modifiedLater = new Stat(11, 12, 5000, 5001, 1, 2, 3, 0, 0, 4, 13);
        assertThat(t.stat(modifiedSameMillisecond)).isEqualTo(t.stat(modifiedLater))
                .contains("mtime=>=ctime", "version=1", "cversion=2", "aversion=3", "numChildren=4", "pzxid=b+3");
        Stat neverModifiedButDifferentTimes = new Stat(11, 11, 5000, 5001, 0, 0, 0, 0, 0, 0, 11);
        assertThat(t.stat(neverModifiedButDifferentTimes)).contains("mtime=after-ctime!");
    }

    @Test
    void namesAreSortedButOtherListsKeepTheirOrder() {
        Transcript t = new Transcript();
        assertThat(t.render(List.of("b", "a", "c"))).isEqualTo("[a, b, c]");
        assertThat(t.render(List.of(3, 1, 2))).isEqualTo("[3, 1, 2]");
        assertThat(t.render(List.of(new org.apache.zookeeper.data.ClientInfo("ip", "127.0.0.1"),
                new org.apache.zookeeper.data.ClientInfo("digest", "u")))).isEqualTo("[digest:u, ip:127.0.0.1]");
        assertThat(t.render(new byte[] {'h', 'i'})).isEqualTo("'hi'");
        assertThat(t.render(new byte[] {0, -1})).isEqualTo("0x00ff");
        assertThat(t.render(new byte[0])).isEqualTo("''");
    }

    @Test
    void opRecordsResultsAndErrorCodes() throws InterruptedException {
        Transcript t = new Transcript();
        t.op("ok", () -> "value");
        t.op("fails", () -> {
            throw KeeperException.create(KeeperException.Code.NONODE, "/x");
        });
        t.op("rejected", () -> {
            throw new IllegalArgumentException("bad path");
        });
        assertThat(t.lines()).containsExactly(
                "ok -> value",
                "fails -> ERR NONODE path=/x",
                "rejected -> client rejected: IllegalArgumentException: bad path");
    }

    @Test
    void lineDiffMarksMissingAndExtraLines() {
        List<String> diff = LineDiff.diff(List.of("a", "b", "c"), List.of("a", "x", "c", "d"));
        assertThat(diff).containsExactly("  a", "- b", "+ x", "  c", "+ d");
        assertThat(LineDiff.render("e", List.of("a"), "f", List.of("a"))).isEmpty();
    }
}
