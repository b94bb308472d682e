package io.warden.storage.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.txn.CheckVersionTxn;
import org.apache.zookeeper.txn.CloseSessionTxn;
import org.apache.zookeeper.txn.CreateContainerTxn;
import org.apache.zookeeper.txn.CreateSessionTxn;
import org.apache.zookeeper.txn.CreateTTLTxn;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.CreateTxnV0;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.ErrorTxn;
import org.apache.zookeeper.txn.MultiTxn;
import org.apache.zookeeper.txn.SetACLTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.Txn;
import org.apache.zookeeper.txn.TxnDigest;
import org.apache.zookeeper.txn.TxnHeader;
import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;
import io.warden.wire.WireFormatException;

/** Transactions serialized by ZooKeeper's own jute classes decode to the same fields. */
class ZkTxnDecoderTest {
    private static final long SESSION = 0x1000_0abc_0000_0001L;
    private static final List<ACL> ACLS = Arrays.asList(new ACL(31, new Id("world", "anyone")),
            new ACL(1, new Id("digest", "u:abc=")));
    private static final List<Acl> WARDEN_ACLS = List.of(new Acl(31, new io.warden.wire.Id("world", "anyone")),
            new Acl(1, new io.warden.wire.Id("digest", "u:abc=")));

    private static byte[] bytes(int type, Record body, TxnDigest digest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(out);
        new TxnHeader(SESSION, 7, 0x5_0000_0010L, 1_700_000_000_000L, type).serialize(archive, "hdr");
        if (body != null) {
            body.serialize(archive, "txn");
        }
        if (digest != null) {
            digest.serialize(archive, "digest");
        }
        return out.toByteArray();
    }

    private static ZkTxn decode(int type, Record body, TxnDigest digest) throws Exception {
        return ZkTxnDecoder.decode(bytes(type, body, digest), "log.1", 16);
    }

    @Test
    void header() throws Exception {
        ZkTxn txn = decode(-10, new CreateSessionTxn(30_000), new TxnDigest(2, 0x1234_5678_9ABCL));

        assertThat(txn.sessionId()).isEqualTo(SESSION);
        assertThat(txn.cxid()).isEqualTo(7);
        assertThat(txn.zxid()).isEqualTo(0x5_0000_0010L);
        assertThat(txn.timeMs()).isEqualTo(1_700_000_000_000L);
        assertThat(txn.type()).isEqualTo(-10);
        assertThat(txn.op()).isEqualTo(new ZkOp.CreateSession(30_000));
        assertThat(txn.digestVersion()).isEqualTo(2);
        assertThat(txn.digest()).isEqualTo(0x1234_5678_9ABCL);
        assertThat(txn.offset()).isEqualTo(16);
    }

    @Test
    void creates() throws Exception {
        ZkOp.Create create = (ZkOp.Create) decode(1, new CreateTxn("/a/b", new byte[] {1, 2}, ACLS, true, 9), null)
                .op();
        assertThat(create.path()).isEqualTo("/a/b");
        assertThat(create.data()).containsExactly(1, 2);
        assertThat(create.acl()).isEqualTo(WARDEN_ACLS);
        assertThat(create.ephemeral()).isTrue();
        assertThat(create.parentCVersion()).isEqualTo(9);
        assertThat(create.ttlMs()).isEqualTo(-1);

        ZkOp.Create withDigest = (ZkOp.Create) decode(15, new CreateTxn("/a", null, ACLS, false, 3),
                new TxnDigest(2, 5)).op();
        assertThat(withDigest.type()).isEqualTo(15);
        assertThat(withDigest.data()).isNull();
        assertThat(withDigest.parentCVersion()).isEqualTo(3);

        ZkOp.Create old = (ZkOp.Create) decode(1, new CreateTxnV0("/old", new byte[0], ACLS, false), null).op();
        assertThat(old.parentCVersion()).isEqualTo(-1);
        ZkOp.Create oldWithDigest = (ZkOp.Create) decode(1, new CreateTxnV0("/old", new byte[0], ACLS, true),
                new TxnDigest(2, 5)).op();
        assertThat(oldWithDigest.parentCVersion()).isEqualTo(-1);
        assertThat(oldWithDigest.ephemeral()).isTrue();

        ZkOp.Create container = (ZkOp.Create) decode(19, new CreateContainerTxn("/c", null, ACLS, 4), null).op();
        assertThat(container.type()).isEqualTo(19);
        assertThat(container.parentCVersion()).isEqualTo(4);

        ZkOp.Create ttl = (ZkOp.Create) decode(21, new CreateTTLTxn("/t", null, ACLS, 5, 0xFF_FFFF_FFFFL),
                new TxnDigest(2, 1)).op();
        assertThat(ttl.parentCVersion()).isEqualTo(5);
        assertThat(ttl.ttlMs()).isEqualTo(0xFF_FFFF_FFFFL);
    }

    @Test
    void changes() throws Exception {
        assertThat(decode(2, new DeleteTxn("/a"), null).op()).isEqualTo(new ZkOp.Delete(2, "/a"));
        assertThat(decode(20, new DeleteTxn("/c"), new TxnDigest(2, 1)).op()).isEqualTo(new ZkOp.Delete(20, "/c"));
        ZkOp.SetData set = (ZkOp.SetData) decode(5, new SetDataTxn("/a", new byte[] {9}, 4), null).op();
        assertThat(set.path()).isEqualTo("/a");
        assertThat(set.data()).containsExactly(9);
        assertThat(set.version()).isEqualTo(4);
        assertThat(((ZkOp.SetData) decode(16, new SetDataTxn("/zookeeper/config", new byte[0], -1), null).op())
                .type()).isEqualTo(16);
        assertThat(decode(7, new SetACLTxn("/a", ACLS, 2), new TxnDigest(2, 1)).op())
                .isEqualTo(new ZkOp.SetAcl("/a", WARDEN_ACLS, 2));
        assertThat(decode(-1, new ErrorTxn(-110), null).op()).isEqualTo(new ZkOp.Error(-110));
    }

    @Test
    void closeSessionWithPathsWithoutPathsAndWithNoBody() throws Exception {
        assertThat(decode(-11, new CloseSessionTxn(Arrays.asList("/e1", "/a/e2")), new TxnDigest(2, 1)).op())
                .isEqualTo(new ZkOp.CloseSession(List.of("/e1", "/a/e2")));
        assertThat(decode(-11, new CloseSessionTxn(List.of()), null).op())
                .isEqualTo(new ZkOp.CloseSession(List.of()));
        assertThat(decode(-11, null, null).op()).isEqualTo(new ZkOp.CloseSession(null));
        ZkTxn digestOnly = decode(-11, null, new TxnDigest(2, 77));
        assertThat(digestOnly.op()).isEqualTo(new ZkOp.CloseSession(null));
        assertThat(digestOnly.digest()).isEqualTo(77);
        // Twelve bytes that are a list of one four-character path, not a digest.
        assertThat(decode(-11, new CloseSessionTxn(List.of("/abc")), null).op())
                .isEqualTo(new ZkOp.CloseSession(List.of("/abc")));
    }

    @Test
    void multi() throws Exception {
        MultiTxn multi = new MultiTxn(Arrays.asList(
                new Txn(1, bytesOf(new CreateTxn("/m", new byte[] {1}, ACLS, false, 2))),
                new Txn(21, bytesOf(new CreateTTLTxn("/m/t", null, ACLS, 1, 500))),
                new Txn(5, bytesOf(new SetDataTxn("/m", new byte[] {2}, 1))),
                new Txn(13, bytesOf(new CheckVersionTxn("/m", 1))),
                new Txn(2, bytesOf(new DeleteTxn("/x")))));

        ZkOp.Multi op = (ZkOp.Multi) decode(14, multi, new TxnDigest(2, 3)).op();

        assertThat(op.ops()).hasSize(5);
        assertThat(op.ops().get(0)).isInstanceOf(ZkOp.Create.class);
        assertThat(((ZkOp.Create) op.ops().get(1)).ttlMs()).isEqualTo(500);
        assertThat(op.ops().get(3)).isEqualTo(new ZkOp.Check("/m", 1));
        assertThat(op.ops().get(4)).isEqualTo(new ZkOp.Delete(2, "/x"));
        assertThat(op.failed()).isFalse();

        MultiTxn failed = new MultiTxn(Arrays.asList(
                new Txn(1, bytesOf(new CreateTxn("/m", null, ACLS, false, 2))),
                new Txn(-1, bytesOf(new ErrorTxn(-101)))));
        assertThat(((ZkOp.Multi) decode(14, failed, null).op()).failed()).isTrue();
    }

    @Test
    void malformedBytesAreRefused() throws Exception {
        byte[] good = bytes(2, new DeleteTxn("/a"), null);
        assertThatThrownBy(() -> ZkTxnDecoder.decode(Arrays.copyOf(good, good.length - 1), "f", 0))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> ZkTxnDecoder.decode(Arrays.copyOf(good, good.length + 3), "f", 0))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("3 unexpected trailing bytes");
        assertThatThrownBy(() -> decode(99, new DeleteTxn("/a"), null))
                .isInstanceOf(WireFormatException.class).hasMessage("unknown transaction type 99");
        assertThatThrownBy(() -> decode(2, new DeleteTxn("relative"), null))
                .isInstanceOf(WireFormatException.class).hasMessage("bad path relative");
    }

    private static byte[] bytesOf(Record record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        record.serialize(BinaryOutputArchive.getArchive(out), "txn");
        return out.toByteArray();
    }
}
