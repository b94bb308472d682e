package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static io.warden.server.CoreHarness.proposals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.server.CoreHarness.Client;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.DeleteContainerRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.SetAclRequest;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SetWatches2;

/**
 * Writes without a path reach the log only as error transactions with ZooKeeper's code; requests
 * ZooKeeper cannot process at all are refused without a zxid. (Warden's answers are compared with
 * ZooKeeper's in warden-it's MalformedRequestsDifferentialTest.)
 */
class MalformedRequestTest {

    private static TxnOp proposed(CoreHarness h, Client c, int opCode, Record body) {
        List<ServerOutput.Propose> proposed = proposals(h.request(c.connId(), 9, opCode, body));
        assertThat(proposed).as("%s", body).hasSize(1);
        return proposed.get(0).txn().op();
    }

    @Test
    void aWriteWithoutAPathIsLoggedAsAnErrorTransaction() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        assertThat(proposed(h, c, OpCode.CREATE, new CreateRequest(null, null, Acl.OPEN_ACL_UNSAFE, 0)))
                .isEqualTo(new TxnOp.Error(ErrorCode.MARSHALLINGERROR));
        assertThat(proposed(h, c, OpCode.CREATE, new CreateRequest(null, null, Acl.OPEN_ACL_UNSAFE, 99)))
                .isEqualTo(new TxnOp.Error(ErrorCode.BADARGUMENTS));
        assertThat(proposed(h, c, OpCode.CREATE_TTL, new CreateTtlRequest(null, null, Acl.OPEN_ACL_UNSAFE, 5, 1000)))
                .as("TTL nodes disabled").isEqualTo(new TxnOp.Error(ErrorCode.UNIMPLEMENTED));
        assertThat(proposed(h, c, OpCode.DELETE, new DeleteRequest(null, -1)))
                .isEqualTo(new TxnOp.Error(ErrorCode.MARSHALLINGERROR));
        assertThat(proposed(h, c, OpCode.SET_DATA, new SetDataRequest(null, null, -1)))
                .isEqualTo(new TxnOp.Error(ErrorCode.BADARGUMENTS));
        assertThat(proposed(h, c, OpCode.SET_ACL, new SetAclRequest(null, Acl.OPEN_ACL_UNSAFE, -1)))
                .isEqualTo(new TxnOp.Error(ErrorCode.BADARGUMENTS));
        MultiRequest multi = new MultiRequest(List.of(
                new MultiRequest.Op(OpCode.CREATE, new CreateRequest("/ok", null, Acl.OPEN_ACL_UNSAFE, 0)),
                new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest(null, -1))));
        assertThat(proposed(h, c, OpCode.MULTI, multi)).isEqualTo(new TxnOp.Error(ErrorCode.MARSHALLINGERROR));
        assertThat(h.core.tree().nodeCount()).as("nothing created").isEqualTo(4);
    }

    @Test
    void aClientsDeleteContainerIsItsOwnTransaction() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        assertThat(proposed(h, c, OpCode.DELETE_CONTAINER, new DeleteContainerRequest("/a")))
                .isEqualTo(new TxnOp.DeleteContainer("/a"));
    }

    @Test
    void whatZooKeeperCannotProcessIsRefusedWithoutAZxid() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        long zxid = h.core.lastZxid();
        List<Record> refused = List.of(
                new SetWatches(0, List.of("/a"), null, List.of()),
                new SetWatches(0, List.of(), java.util.Arrays.asList("/a", null), List.of()),
                new SetWatches2(0, List.of(), List.of(), List.of(), java.util.Arrays.asList((String) null), List.of()),
                new MultiRequest(List.of(new MultiRequest.Op(OpCode.CREATE, new CreateRequest("/x", null, null, 0)))));
        int[] opCodes = {OpCode.SET_WATCHES, OpCode.SET_WATCHES, OpCode.SET_WATCHES2, OpCode.MULTI};
        for (int i = 0; i < refused.size(); i++) {
            List<ServerOutput> out = h.request(c.connId(), 20 + i, opCodes[i], refused.get(i));
            assertThat(proposals(out)).as("%s", refused.get(i)).isEmpty();
            ServerOutput.SendReply reply = onlyReply(out, c.connId());
            assertThat(reply.header().err()).isEqualTo(ErrorCode.MARSHALLINGERROR.code());
            assertThat(reply.header().zxid()).isEqualTo(zxid);
        }
        ServerOutput.SendReply multiRead = onlyReply(h.request(c.connId(), 30, OpCode.MULTI_READ, new MultiRequest(
                List.of(new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest(null, false))))), c.connId());
        assertThat(multiRead.header().err()).isEqualTo(ErrorCode.MARSHALLINGERROR.code());
        assertThat(multiRead.body()).as("an empty result list, as ZooKeeper sends").isEqualTo(
                new MultiResponse(List.of()));
        assertThat(h.core.tree().watchCount()).isZero();
    }
}
