package io.warden.wire.proto;

import static io.warden.wire.testing.Zk.acls;
import static io.warden.wire.testing.Zk.assertGolden;
import static io.warden.wire.testing.Zk.stat;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.testing.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.zookeeper.data.ClientInfo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every response and session record encodes exactly as ZooKeeper's jute class does, and reads it back. */
class ResponseRecordsGoldenTest {
    private static final int ITERATIONS = 400;

    @TestFactory
    Stream<DynamicTest> responseRecordsMatchZooKeeper() {
        return cases().entrySet().stream()
                .map(c -> DynamicTest.dynamicTest(c.getKey(), () -> Seeds.repeat(c.getKey(), ITERATIONS, c.getValue())));
    }

    @Test
    void emptyBodyWritesNothing() {
        assertThat(EmptyBody.INSTANCE.toBytes()).isEmpty();
    }

    private static Map<String, Seeds.Body> cases() {
        Map<String, Seeds.Body> cases = new LinkedHashMap<>();
        cases.put("ConnectResponse", g -> {
            ConnectResponse ours = new ConnectResponse(g.anyInt(), g.anyInt(), g.anyLong(), g.bytes(), g.bool(), false);
            assertGolden(ours, new org.apache.zookeeper.proto.ConnectResponse(ours.protocolVersion(), ours.timeOut(),
                    ours.sessionId(), ours.passwd(), ours.readOnly()), ConnectResponse::read);
        });
        cases.put("CreateResponse", g -> {
            CreateResponse ours = new CreateResponse(g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.CreateResponse(ours.path()), CreateResponse::read);
        });
        cases.put("Create2Response", g -> {
            Create2Response ours = new Create2Response(g.string(), g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.Create2Response(ours.path(), stat(ours.stat())),
                    Create2Response::read);
        });
        cases.put("ExistsResponse", g -> {
            ExistsResponse ours = new ExistsResponse(g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.ExistsResponse(stat(ours.stat())),
                    ExistsResponse::read);
        });
        cases.put("GetDataResponse", g -> {
            GetDataResponse ours = new GetDataResponse(g.bytes(), g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.GetDataResponse(ours.data(), stat(ours.stat())),
                    GetDataResponse::read);
        });
        cases.put("SetDataResponse", g -> {
            SetDataResponse ours = new SetDataResponse(g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.SetDataResponse(stat(ours.stat())),
                    SetDataResponse::read);
        });
        cases.put("GetAclResponse", g -> {
            GetAclResponse ours = new GetAclResponse(g.acls(), g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.GetACLResponse(acls(ours.acl()), stat(ours.stat())),
                    GetAclResponse::read);
        });
        cases.put("SetAclResponse", g -> {
            SetAclResponse ours = new SetAclResponse(g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.SetACLResponse(stat(ours.stat())),
                    SetAclResponse::read);
        });
        cases.put("GetChildrenResponse", g -> {
            GetChildrenResponse ours = new GetChildrenResponse(g.strings());
            assertGolden(ours, new org.apache.zookeeper.proto.GetChildrenResponse(ours.children()),
                    GetChildrenResponse::read);
        });
        cases.put("GetChildren2Response", g -> {
            GetChildren2Response ours = new GetChildren2Response(g.strings(), g.stat());
            assertGolden(ours, new org.apache.zookeeper.proto.GetChildren2Response(ours.children(),
                    stat(ours.stat())), GetChildren2Response::read);
        });
        cases.put("SyncResponse", g -> {
            SyncResponse ours = new SyncResponse(g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.SyncResponse(ours.path()), SyncResponse::read);
        });
        cases.put("GetAllChildrenNumberResponse", g -> {
            GetAllChildrenNumberResponse ours = new GetAllChildrenNumberResponse(g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.GetAllChildrenNumberResponse(ours.totalNumber()),
                    GetAllChildrenNumberResponse::read);
        });
        cases.put("GetEphemeralsResponse", g -> {
            GetEphemeralsResponse ours = new GetEphemeralsResponse(g.strings());
            assertGolden(ours, new org.apache.zookeeper.proto.GetEphemeralsResponse(ours.ephemerals()),
                    GetEphemeralsResponse::read);
        });
        cases.put("SetSaslResponse", g -> {
            SetSaslResponse ours = new SetSaslResponse(g.bytes());
            assertGolden(ours, new org.apache.zookeeper.proto.SetSASLResponse(ours.token()), SetSaslResponse::read);
        });
        cases.put("WatcherEvent", g -> {
            WatcherEvent ours = new WatcherEvent(g.anyInt(), g.anyInt(), g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.WatcherEvent(ours.type(), ours.state(), ours.path()),
                    WatcherEvent::read);
        });
        cases.put("ClientInfo", g -> {
            io.warden.wire.proto.ClientInfo ours = new io.warden.wire.proto.ClientInfo(g.string(), g.string());
            assertGolden(ours, new ClientInfo(ours.authScheme(), ours.user()), io.warden.wire.proto.ClientInfo::read);
        });
        cases.put("WhoAmIResponse", g -> {
            List<io.warden.wire.proto.ClientInfo> infos = null;
            List<ClientInfo> theirs = null;
            if (g.nextInt(6) != 0) {
                infos = new ArrayList<>();
                theirs = new ArrayList<>();
                for (int i = g.nextInt(5); i > 0; i--) {
                    io.warden.wire.proto.ClientInfo info = new io.warden.wire.proto.ClientInfo(g.string(), g.string());
                    infos.add(info);
                    theirs.add(new ClientInfo(info.authScheme(), info.user()));
                }
            }
            assertGolden(new WhoAmIResponse(infos), new org.apache.zookeeper.proto.WhoAmIResponse(theirs),
                    WhoAmIResponse::read);
        });
        cases.put("ErrorResponse", g -> {
            ErrorResponse ours = new ErrorResponse(g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.ErrorResponse(ours.err()), ErrorResponse::read);
        });
        cases.put("MultiHeader", g -> {
            MultiHeader ours = new MultiHeader(g.anyInt(), g.bool(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.MultiHeader(ours.type(), ours.done(), ours.err()),
                    MultiHeader::read);
        });
        return cases;
    }
}
