package io.warden.it.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.client.WardenClient;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.recipes.group.Group;
import io.warden.recipes.group.GroupListener;
import io.warden.recipes.group.GroupMember;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Group membership against Warden and Apache ZooKeeper: members with data, changes as events, expiry. */
class GroupMembershipTest extends AgainstBothServers {

    /** Records membership changes as text. */
    static final class Changes implements GroupListener {
        final List<String> changes = new CopyOnWriteArrayList<>();

        @Override
        public void memberJoined(String memberId, byte[] data) {
            changes.add("joined " + memberId + " " + new String(data, UTF_8));
        }

        @Override
        public void memberUpdated(String memberId, byte[] data) {
            changes.add("updated " + memberId + " " + new String(data, UTF_8));
        }

        @Override
        public void memberLeft(String memberId) {
            changes.add("left " + memberId);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void membersJoinUpdateAndLeaveAsEvents(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "group")) {
            Group group = session.closeLater(new Group(session.client(), session.path("members")));
            Changes changes = new Changes();
            group.addListener(changes);
            group.start();
            assertThat(group.awaitInitialized(TestClient.WAIT)).isTrue();

            GroupMember a = session.closeLater(new GroupMember(session.client(), session.path("members"), "a",
                    "10.0.0.1".getBytes(UTF_8)).start());
            GroupMember b = session.closeLater(new GroupMember(session.client(), session.path("members"), "b",
                    "10.0.0.2".getBytes(UTF_8)).start());
            await().atMost(TestClient.WAIT).until(() -> group.members().size() == 2);
            a.setData("10.0.0.9".getBytes(UTF_8)).join();
            b.close();

            await().atMost(TestClient.WAIT).until(() -> changes.changes.size() == 4);
            assertThat(changes.changes).containsExactlyInAnyOrder("joined a 10.0.0.1", "joined b 10.0.0.2",
                    "updated a 10.0.0.9", "left b");
            assertThat(group.members()).containsOnlyKeys("a");
            assertThat(new String(group.members().get("a"), UTF_8)).isEqualTo("10.0.0.9");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aMemberWhoseSessionExpiresComesBackWithItsLatestData(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "rejoin")) {
            Group group = session.closeLater(new Group(session.client(), session.path("members")));
            Changes changes = new Changes();
            group.addListener(changes);
            group.start();
            assertThat(group.awaitInitialized(TestClient.WAIT)).isTrue();
            CuttableProxy proxy = session.proxy();
            WardenClient memberClient = session.clientThrough(proxy, builder -> builder);
            GroupMember member = session.closeLater(new GroupMember(memberClient, session.path("members"), "m",
                    "v1".getBytes(UTF_8)).start());
            assertThat(member.awaitJoined(TestClient.WAIT)).isTrue();
            // The group must have seen v1 before v2 is written, or it may only ever see v2 (as a join).
            await().atMost(TestClient.WAIT).until(() -> changes.changes.contains("joined m v1"));
            member.setData("v2".getBytes(UTF_8)).join();
            await().atMost(TestClient.WAIT).until(() -> changes.changes.contains("updated m v2"));

            RecipeFixtures.expireSession(session, proxy, memberClient);

            await().atMost(TestClient.WAIT).until(() -> changes.changes.contains("left m"));
            await().atMost(TestClient.WAIT).until(() -> group.members().containsKey("m"));
            assertThat(new String(group.members().get("m"), UTF_8)).isEqualTo("v2");
        }
    }
}
