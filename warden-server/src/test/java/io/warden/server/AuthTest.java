package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendReply;
import io.warden.tree.acl.Digests;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;
import io.warden.wire.ReplyHeader;
import io.warden.wire.Xids;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.ClientInfo;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.WhoAmIResponse;
import org.junit.jupiter.api.Test;

/** auth (100) with xid -4, and whoAmI (107) (§4.3). */
class AuthTest {

    private static List<ServerOutput> auth(CoreHarness h, long conn, String scheme, String credentials) {
        return h.request(conn, Xids.AUTH, OpCode.AUTH,
                new AuthPacket(0, scheme, credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ClientInfo> whoAmI(CoreHarness h, long conn, int xid) {
        SendReply reply = onlyReply(h.request(conn, xid, OpCode.WHO_AM_I, EmptyBody.INSTANCE), conn);
        assertThat(reply.header().err()).isZero();
        return ((WhoAmIResponse) reply.body()).clientInfo();
    }

    @Test
    void everyConnectionHoldsItsIpIdentity() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect("192.0.2.7", 30000);
        assertThat(whoAmI(h, c.connId(), 1)).containsExactly(new ClientInfo("ip", "192.0.2.7"));
    }

    @Test
    void digestAuthAddsTheUserIdentity() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        List<ServerOutput> out = auth(h, c.connId(), "digest", "u:p");
        assertThat(to(out, c.connId())).containsExactly(new SendReply(c.connId(), new ReplyHeader(-4, 0, 0), null));
        assertThat(whoAmI(h, c.connId(), 1)).containsExactly(new ClientInfo("ip", CoreHarness.ADDRESS),
                new ClientInfo("digest", "u"));
    }

    @Test
    void sameCredentialsTwiceAddOneIdentity() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        auth(h, c.connId(), "digest", "u:p");
        auth(h, c.connId(), "digest", "u:p");
        assertThat(whoAmI(h, c.connId(), 1)).hasSize(2);
    }

    @Test
    void unknownSchemeFailsAndCloses() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        List<ServerOutput> out = auth(h, c.connId(), "kerberos-ish", "whatever");
        assertThat(to(out, c.connId())).containsExactly(
                new SendReply(c.connId(), new ReplyHeader(-4, 0, ErrorCode.AUTHFAILED.code()), null),
                new ServerOutput.CloseConnection(c.connId()));
    }

    @Test
    void digestIdentityGrantsAccessToDigestProtectedNodes() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect();
        Client stranger = h.connect();
        auth(h, owner.connId(), "digest", "u:p");
        SendReply created = onlyReply(h.request(owner.connId(), 1, OpCode.CREATE,
                new CreateRequest("/mine", new byte[] {7}, Acl.CREATOR_ALL_ACL, 0)), owner.connId());
        assertThat(created.header().err()).isZero();

        assertThat(onlyReply(h.request(owner.connId(), 2, OpCode.GET_DATA, new GetDataRequest("/mine", false)),
                owner.connId()).header().err()).isZero();
        assertThat(onlyReply(h.request(stranger.connId(), 1, OpCode.GET_DATA, new GetDataRequest("/mine", false)),
                stranger.connId()).header().err()).isEqualTo(ErrorCode.NOAUTH.code());
    }

    @Test
    void creatorAclWithoutAuthIsInvalid() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        SendReply reply = onlyReply(h.request(c.connId(), 1, OpCode.CREATE,
                new CreateRequest("/mine", new byte[0], Acl.CREATOR_ALL_ACL, 0)), c.connId());
        assertThat(reply.header().err()).isEqualTo(ErrorCode.INVALIDACL.code());
    }

    @Test
    void superDigestPassesEveryAcl() {
        String superDigest = Digests.idFor("super:adminpw");
        CoreHarness h = new CoreHarness(CoreHarness.config(60, Set.of("srvr"), superDigest));
        Client owner = h.connect();
        Client admin = h.connect();
        List<Acl> nobody = List.of(new Acl(Perms.ALL, new Id("digest", Digests.idFor("x:y"))));
        h.request(owner.connId(), 1, OpCode.CREATE, new CreateRequest("/locked", new byte[0], nobody, 0));
        assertThat(onlyReply(h.request(admin.connId(), 1, OpCode.GET_DATA, new GetDataRequest("/locked", false)),
                admin.connId()).header().err()).isEqualTo(ErrorCode.NOAUTH.code());

        auth(h, admin.connId(), "digest", "super:adminpw");

        assertThat(onlyReply(h.request(admin.connId(), 2, OpCode.GET_DATA, new GetDataRequest("/locked", false)),
                admin.connId()).header().err()).isZero();
    }
}
