package io.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.warden.tree.acl.Digests;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;
import io.warden.wire.proto.CreateRequest;

/** The web console's reads: their bounds, and ACLs decided as for a client. */
class ConsoleReadsTest {
    private final CoreHarness harness = new CoreHarness();
    private final CoreHarness.Client client = harness.connect();
    private int xid;

    private void create(String path, byte[] data, List<Acl> acl) {
        List<ServerOutput> outputs = harness.request(client.connId(), ++xid, OpCode.CREATE,
                new CreateRequest(path, data, acl, 0));
        assertThat(CoreHarness.onlyReply(outputs, client.connId()).header().err()).isEqualTo(ErrorCode.OK.code());
    }

    private void create(String path) {
        create(path, new byte[0], Acl.OPEN_ACL_UNSAFE);
    }

    private ConsoleReads reads() {
        return ConsoleReads.of(harness.core);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> children(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("children");
    }

    @Test
    void childrenComeInSortedPagesOfTheNamedSize() {
        create("/p");
        for (String name : List.of("e", "b", "d", "a", "c")) {
            create("/p/" + name);
        }
        create("/p/c/x");
        Map<String, Object> first = reads().children("/p", null, 2, List.of());
        assertThat(children(first)).extracting(c -> c.get("name")).containsExactly("a", "b");
        assertThat(first.get("total")).isEqualTo(5);
        assertThat(first.get("next")).isEqualTo("b");
        Map<String, Object> second = reads().children("/p", "b", 2, List.of());
        assertThat(children(second)).extracting(c -> c.get("name")).containsExactly("c", "d");
        assertThat(children(second).get(0).get("numChildren")).isEqualTo(1);
        assertThat(children(second).get(0).get("path")).isEqualTo("/p/c");
        Map<String, Object> last = reads().children("/p", "d", 2, List.of());
        assertThat(children(last)).extracting(c -> c.get("name")).containsExactly("e");
        assertThat(last.get("next")).isNull();
        assertThat(reads().children("/none", null, 2, List.of()).get("error")).isEqualTo("NONODE");
    }

    @Test
    void searchStopsAtItsBoundsAndSaysSo() {
        create("/s");
        for (int i = 0; i < 30; i++) {
            create(String.format("/s/item%02d", i));
        }
        Map<String, Object> few = reads().search("item", 5, 1000, List.of());
        assertThat((List<?>) few.get("results")).hasSize(5).first().isEqualTo((Object) "/s/item00");
        assertThat(few.get("truncated")).isEqualTo(true);
        Map<String, Object> narrow = reads().search("item", 100, 10, List.of());
        assertThat((List<?>) narrow.get("results")).isEmpty();
        assertThat(narrow.get("truncated")).isEqualTo(true);
        assertThat((int) narrow.get("visited")).isLessThanOrEqualTo(10);
        Map<String, Object> all = reads().search("ITEM1", 100, 1000, List.of());
        assertThat((List<?>) all.get("results")).hasSize(10);
        assertThat(all.get("truncated")).isEqualTo(false);
        Map<String, Object> prefix = reads().search("/s/item2", 100, 1000, List.of());
        assertThat((List<?>) prefix.get("results")).hasSize(10).allMatch(p -> ((String) p).startsWith("/s/item2"));
    }

    @Test
    void aclsDecideAsForAClientAndSearchDoesNotDescendWhereItMayNotList() {
        String alice = Digests.idFor("alice:pw");
        List<Acl> aliceOnly = List.of(new Acl(Perms.ALL, new Id("digest", alice)));
        create("/secret", "hidden".getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE);
        harness.request(client.connId(), ++xid, OpCode.SET_ACL,
                new io.warden.wire.proto.SetAclRequest("/secret", aliceOnly, -1));
        // the open ACL above let the child in before the ACL closed its parent
        Map<String, Object> anonymous = reads().node("/secret", reads().identities(null), 1024);
        assertThat(anonymous).doesNotContainKey("data").containsEntry("dataError", "NOAUTH")
                .containsEntry("aclError", "NOAUTH");
        Map<String, Object> asAlice = reads().node("/secret", reads().identities("alice:pw"), 1024);
        assertThat(((Map<?, ?>) asAlice.get("data")).get("value")).isEqualTo("hidden");
        assertThat(reads().children("/secret", null, 10, List.of()).get("error")).isEqualTo("NOAUTH");
        assertThat(reads().search("secret", 10, 100, List.of()).get("results")).isEqualTo(List.of("/secret"));
    }

    @Test
    void dataIsTextWhenItIsTextAndHexOtherwiseCutToTheBound() {
        assertThat(ConsoleReads.data("h\u00e9llo\n".getBytes(StandardCharsets.UTF_8), 100))
                .containsEntry("encoding", "utf8").containsEntry("value", "h\u00e9llo\n")
                .containsEntry("truncated", false);
        assertThat(ConsoleReads.data(new byte[] {0x41, 0x00, 0x42}, 100)).containsEntry("encoding", "hex")
                .containsEntry("value", "410042");
        assertThat(ConsoleReads.data(new byte[] {(byte) 0xc3}, 100)).containsEntry("encoding", "hex");
        // a cut inside a two-byte character keeps the text before it
        Map<String, Object> cut = ConsoleReads.data("a\u00e9b".getBytes(StandardCharsets.UTF_8), 2);
        assertThat(cut).containsEntry("encoding", "utf8").containsEntry("value", "a").containsEntry("truncated", true)
                .containsEntry("sizeBytes", 4);
        assertThat(ConsoleReads.data(null, 10)).containsEntry("encoding", "null");
    }

    @Test
    void sessionsListTheirEphemeralsAndTheIdentitiesMatchAddAuth() {
        create("/eph-parent");
        harness.request(client.connId(), ++xid, OpCode.CREATE,
                new CreateRequest("/eph-parent/e", new byte[0], Acl.OPEN_ACL_UNSAFE, 1));
        Map<String, Object> sessions = reads().sessions(10, 10, CoreHarness.START_MS);
        assertThat(sessions.get("total")).isEqualTo(1);
        assertThat(sessions.get("sessions").toString()).contains("/eph-parent/e")
                .contains("0x" + Long.toHexString(client.sessionId()));
        assertThat(reads().sessions(0, 10, CoreHarness.START_MS).get("truncated")).isEqualTo(true);
        assertThat(reads().identities("bob:pw")).containsExactly(new Id("digest", Digests.idFor("bob:pw")));
        assertThat(reads().identities(null)).isEmpty();
    }
}
