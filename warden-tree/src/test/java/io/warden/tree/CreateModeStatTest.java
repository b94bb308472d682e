package io.warden.tree;

import static io.warden.tree.TreeFixture.stat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.warden.wire.Acl;
import io.warden.wire.OpCode;
import io.warden.wire.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Stat of a new node and of its parent, exactly, for every create mode (§5.1, §5.3). */
class CreateModeStatTest {
    private static final long SESSION = 0x0100_0000_0000_0042L;
    private static final byte[] DATA = "hello".getBytes(StandardCharsets.UTF_8);

    private static TxnOp.Create createFor(String path, int flags) {
        int opCode = flags == 4 ? OpCode.CREATE_CONTAINER : flags >= 5 ? OpCode.CREATE_TTL : OpCode.CREATE2;
        long ttl = flags >= 5 ? 60_000 : -1;
        return new TxnOp.Create(opCode, path, DATA, Acl.OPEN_ACL_UNSAFE, flags, ttl);
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void newNodeAndParentStats(int flags) {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        f.openSession(SESSION);
        f.mustCreate("/p");
        long parentZxid = f.zxid;
        long parentTime = f.timeMs;
        long zxid = f.nextZxid();
        long time = f.nextTime();

        OpResult result = f.apply(SESSION, TreeFixture.ANONYMOUS, createFor("/p/n", flags)).result();

        boolean sequential = flags == 2 || flags == 3 || flags == 6;
        boolean ephemeral = flags == 1 || flags == 3;
        String expectedPath = sequential ? "/p/n0000000000" : "/p/n";
        Stat expectedNode = stat(zxid, zxid, time, time, 0, 0, 0, ephemeral ? SESSION : 0, DATA.length, 0, zxid);
        assertThat(result).isEqualTo(new OpResult.Created(expectedPath, expectedNode));
        assertThat(f.stat(expectedPath)).isEqualTo(expectedNode);
        assertThat(f.stat("/p")).isEqualTo(
                stat(parentZxid, parentZxid, parentTime, parentTime, 0, 1, 0, 0, 0, 1, zxid));
        assertThat(f.tree.ephemeralsOf(SESSION)).isEqualTo(ephemeral ? java.util.List.of(expectedPath)
                : java.util.List.of());
    }

    @Test
    void nullDataIsStoredAsNullWithLengthZero() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createData("/n", null));
        OpResult.DataResult data = (OpResult.DataResult) f.tree.getData("/n", TreeFixture.ANONYMOUS, null);
        assertThat(data.data()).isNull();
        assertThat(data.stat().dataLength()).isZero();
    }

    @Test
    void setDataBumpsVersionMzxidAndMtimeOnly() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/n");
        long czxid = f.zxid;
        long ctime = f.timeMs;
        long zxid = f.nextZxid();
        long time = f.nextTime();
        OpResult result = f.result(TreeFixture.setData("/n", DATA));
        Stat expected = stat(czxid, zxid, ctime, time, 1, 0, 0, 0, DATA.length, 0, czxid);
        assertThat(result).isEqualTo(new OpResult.StatResult(expected));
        assertThat(f.stat("/n")).isEqualTo(expected);
    }

    @Test
    void deleteUpdatesParentPzxidAndCversionButNotMzxid() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        long pz = f.zxid;
        long pt = f.timeMs;
        f.mustCreate("/p/a");
        long deleteZxid = f.nextZxid();
        assertThat(f.result(TreeFixture.delete("/p/a"))).isEqualTo(new OpResult.Deleted());
        assertThat(f.stat("/p")).isEqualTo(stat(pz, pz, pt, pt, 0, 2, 0, 0, 0, 0, deleteZxid));
        assertThat(f.stat("/p/a")).isNull();
    }

    @Test
    void setAclBumpsAversionOnly() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/n");
        Stat before = f.stat("/n");
        OpResult result = f.result(new TxnOp.SetAcl("/n", Acl.READ_ACL_UNSAFE, 0));
        Stat expected = stat(before.czxid(), before.mzxid(), before.ctime(), before.mtime(), 0, 0, 1, 0, 0, 0,
                before.pzxid());
        assertThat(result).isEqualTo(new OpResult.StatResult(expected));
        assertThat(f.stat("/n")).isEqualTo(expected);
    }
}
