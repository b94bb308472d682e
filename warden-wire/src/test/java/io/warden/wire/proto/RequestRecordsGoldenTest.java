package io.warden.wire.proto;

import static io.warden.wire.testing.Zk.acls;
import static io.warden.wire.testing.Zk.assertGolden;

import io.warden.wire.testing.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every request record encodes exactly as ZooKeeper's jute class does, and reads ZooKeeper's bytes back. */
class RequestRecordsGoldenTest {
    private static final int ITERATIONS = 400;

    @TestFactory
    Stream<DynamicTest> requestRecordsMatchZooKeeper() {
        return cases().entrySet().stream()
                .map(c -> DynamicTest.dynamicTest(c.getKey(), () -> Seeds.repeat(c.getKey(), ITERATIONS, c.getValue())));
    }

    private static Map<String, Seeds.Body> cases() {
        Map<String, Seeds.Body> cases = new LinkedHashMap<>();
        cases.put("ConnectRequest", g -> {
            int protocolVersion = g.anyInt();
            long lastZxidSeen = g.anyLong();
            int timeOut = g.anyInt();
            long sessionId = g.anyLong();
            byte[] passwd = g.bytes();
            boolean readOnly = g.bool();
            assertGolden(new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly, false),
                    new org.apache.zookeeper.proto.ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId,
                            passwd, readOnly),
                    ConnectRequest::read);
        });
        cases.put("CreateRequest", g -> {
            CreateRequest ours = new CreateRequest(g.string(), g.bytes(), g.acls(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.CreateRequest(ours.path(), ours.data(),
                    acls(ours.acl()), ours.flags()), CreateRequest::read);
        });
        cases.put("CreateTtlRequest", g -> {
            CreateTtlRequest ours = new CreateTtlRequest(g.string(), g.bytes(), g.acls(), g.anyInt(), g.anyLong());
            assertGolden(ours, new org.apache.zookeeper.proto.CreateTTLRequest(ours.path(), ours.data(),
                    acls(ours.acl()), ours.flags(), ours.ttl()), CreateTtlRequest::read);
        });
        cases.put("DeleteRequest", g -> {
            DeleteRequest ours = new DeleteRequest(g.string(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.DeleteRequest(ours.path(), ours.version()),
                    DeleteRequest::read);
        });
        cases.put("DeleteContainerRequest", g -> {
            DeleteContainerRequest ours = new DeleteContainerRequest(g.nonNullString());
            assertGolden(ours, new org.apache.zookeeper.DeleteContainerRequest(ours.path()),
                    DeleteContainerRequest::read);
        });
        cases.put("ExistsRequest", g -> {
            ExistsRequest ours = new ExistsRequest(g.string(), g.bool());
            assertGolden(ours, new org.apache.zookeeper.proto.ExistsRequest(ours.path(), ours.watch()),
                    ExistsRequest::read);
        });
        cases.put("GetDataRequest", g -> {
            GetDataRequest ours = new GetDataRequest(g.string(), g.bool());
            assertGolden(ours, new org.apache.zookeeper.proto.GetDataRequest(ours.path(), ours.watch()),
                    GetDataRequest::read);
        });
        cases.put("SetDataRequest", g -> {
            SetDataRequest ours = new SetDataRequest(g.string(), g.bytes(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.SetDataRequest(ours.path(), ours.data(),
                    ours.version()), SetDataRequest::read);
        });
        cases.put("GetAclRequest", g -> {
            GetAclRequest ours = new GetAclRequest(g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.GetACLRequest(ours.path()), GetAclRequest::read);
        });
        cases.put("SetAclRequest", g -> {
            SetAclRequest ours = new SetAclRequest(g.string(), g.acls(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.SetACLRequest(ours.path(), acls(ours.acl()),
                    ours.version()), SetAclRequest::read);
        });
        cases.put("GetChildrenRequest", g -> {
            GetChildrenRequest ours = new GetChildrenRequest(g.string(), g.bool());
            assertGolden(ours, new org.apache.zookeeper.proto.GetChildrenRequest(ours.path(), ours.watch()),
                    GetChildrenRequest::read);
        });
        cases.put("GetChildren2Request", g -> {
            GetChildren2Request ours = new GetChildren2Request(g.string(), g.bool());
            assertGolden(ours, new org.apache.zookeeper.proto.GetChildren2Request(ours.path(), ours.watch()),
                    GetChildren2Request::read);
        });
        cases.put("SyncRequest", g -> {
            SyncRequest ours = new SyncRequest(g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.SyncRequest(ours.path()), SyncRequest::read);
        });
        cases.put("CheckVersionRequest", g -> {
            CheckVersionRequest ours = new CheckVersionRequest(g.string(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.CheckVersionRequest(ours.path(), ours.version()),
                    CheckVersionRequest::read);
        });
        cases.put("GetAllChildrenNumberRequest", g -> {
            GetAllChildrenNumberRequest ours = new GetAllChildrenNumberRequest(g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.GetAllChildrenNumberRequest(ours.path()),
                    GetAllChildrenNumberRequest::read);
        });
        cases.put("GetEphemeralsRequest", g -> {
            GetEphemeralsRequest ours = new GetEphemeralsRequest(g.string());
            assertGolden(ours, new org.apache.zookeeper.proto.GetEphemeralsRequest(ours.prefixPath()),
                    GetEphemeralsRequest::read);
        });
        cases.put("ReconfigRequest", g -> {
            ReconfigRequest ours = new ReconfigRequest(g.string(), g.string(), g.string(), g.anyLong());
            assertGolden(ours, new org.apache.zookeeper.proto.ReconfigRequest(ours.joiningServers(),
                    ours.leavingServers(), ours.newMembers(), ours.curConfigId()), ReconfigRequest::read);
        });
        cases.put("CheckWatchesRequest", g -> {
            CheckWatchesRequest ours = new CheckWatchesRequest(g.string(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.CheckWatchesRequest(ours.path(), ours.type()),
                    CheckWatchesRequest::read);
        });
        cases.put("RemoveWatchesRequest", g -> {
            RemoveWatchesRequest ours = new RemoveWatchesRequest(g.string(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.RemoveWatchesRequest(ours.path(), ours.type()),
                    RemoveWatchesRequest::read);
        });
        cases.put("AddWatchRequest", g -> {
            AddWatchRequest ours = new AddWatchRequest(g.string(), g.anyInt());
            assertGolden(ours, new org.apache.zookeeper.proto.AddWatchRequest(ours.path(), ours.mode()),
                    AddWatchRequest::read);
        });
        cases.put("SetWatches", g -> {
            SetWatches ours = new SetWatches(g.anyLong(), g.strings(), g.strings(), g.strings());
            assertGolden(ours, new org.apache.zookeeper.proto.SetWatches(ours.relativeZxid(), ours.dataWatches(),
                    ours.existWatches(), ours.childWatches()), SetWatches::read);
        });
        cases.put("SetWatches2", g -> {
            SetWatches2 ours = new SetWatches2(g.anyLong(), g.strings(), g.strings(), g.strings(), g.strings(),
                    g.strings());
            assertGolden(ours, new org.apache.zookeeper.proto.SetWatches2(ours.relativeZxid(), ours.dataWatches(),
                    ours.existWatches(), ours.childWatches(), ours.persistentWatches(),
                    ours.persistentRecursiveWatches()), SetWatches2::read);
        });
        cases.put("AuthPacket", g -> {
            AuthPacket ours = new AuthPacket(g.anyInt(), g.string(), g.bytes());
            assertGolden(ours, new org.apache.zookeeper.proto.AuthPacket(ours.type(), ours.scheme(), ours.auth()),
                    AuthPacket::read);
        });
        cases.put("GetSaslRequest", g -> {
            GetSaslRequest ours = new GetSaslRequest(g.bytes());
            assertGolden(ours, new org.apache.zookeeper.proto.GetSASLRequest(ours.token()), GetSaslRequest::read);
        });
        return cases;
    }
}
