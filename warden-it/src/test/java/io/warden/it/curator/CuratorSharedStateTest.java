package io.warden.it.curator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.GroupMember;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Curator recipes built on watches and versions: CuratorCache (persistent recursive watches),
 * SharedCount and DistributedAtomicLong (compare-and-set on a node's version), PersistentNode
 * (re-created after deletion) and GroupMember.
 */
class CuratorSharedStateTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @RegisterExtension
    static final CuratorServers servers = new CuratorServers();

    private static String text(ChildData node) {
        return node.getData() == null ? "null" : "'" + new String(node.getData(), UTF_8) + "'";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void curatorCacheFollowsASubtree(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "cache")) {
            CuratorFramework writer = s.client();
            String tree = s.path("tree");
            writer.create().creatingParentsIfNeeded().forPath(tree, "root".getBytes(UTF_8));
            writer.create().forPath(tree + "/before", "b".getBytes(UTF_8));
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch initialized = new CountDownLatch(1);
            CuratorCache cache = s.closeLater(CuratorCache.build(s.client(), tree));
            int cut = tree.length();
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forCreates(n -> events.add("created " + n.getPath().substring(cut) + " " + text(n)))
                    .forChanges((old, n) -> events.add("changed " + n.getPath().substring(cut) + " " + text(old)
                            + " -> " + text(n)))
                    .forDeletes(n -> events.add("deleted " + n.getPath().substring(cut)))
                    .forInitialized(initialized::countDown)
                    .build());
            cache.start();
            assertThat(initialized.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("initialised").isTrue();
            assertThat(events).containsExactlyInAnyOrder("created  'root'", "created /before 'b'");
            events.clear();
            step(events, "created /a 'a1'", () -> writer.create().forPath(tree + "/a", "a1".getBytes(UTF_8)));
            step(events, "created /a/b 'b1'", () -> writer.create().forPath(tree + "/a/b", "b1".getBytes(UTF_8)));
            step(events, "changed /a 'a1' -> 'a2'", () -> writer.setData().forPath(tree + "/a", "a2".getBytes(UTF_8)));
            step(events, "changed /a/b 'b1' -> 'b2'", () -> writer.setData().forPath(tree + "/a/b",
                    "b2".getBytes(UTF_8)));
            step(events, "created /a/b/c/d 'deep'", () -> writer.create().creatingParentsIfNeeded()
                    .forPath(tree + "/a/b/c/d", "deep".getBytes(UTF_8)));
            step(events, "deleted /before", () -> writer.delete().forPath(tree + "/before"));
            step(events, "deleted /a/b/c/d", () -> writer.delete().deletingChildrenIfNeeded()
                    .forPath(tree + "/a/b"));
            await("the cache holds what the server holds").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> cacheContents(cache, cut).equals(Map.of("", "'root'", "/a", "'a2'")));
            // Each change waited for its event, so the whole sequence is fixed; creatingParentsIfNeeded
            // makes c with empty data, and a recursive delete removes the deepest node first.
            assertThat(events).containsExactly(
                    "created /a 'a1'",
                    "created /a/b 'b1'",
                    "changed /a 'a1' -> 'a2'",
                    "changed /a/b 'b1' -> 'b2'",
                    "created /a/b/c ''",
                    "created /a/b/c/d 'deep'",
                    "deleted /before",
                    "deleted /a/b/c/d",
                    "deleted /a/b/c",
                    "deleted /a/b");
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    /** Makes one change and waits (bounded) until the cache reports {@code event}. */
    private static void step(List<String> events, String event, Write write) throws Exception {
        write.run();
        await("cache event: " + event).atMost(TestClient.WAIT).pollInterval(POLL).until(() -> events.contains(event));
    }

    private static Map<String, String> cacheContents(CuratorCache cache, int cut) {
        return cache.stream().collect(Collectors.toMap(n -> n.getPath().substring(cut), CuratorSharedStateTest::text,
                (x, y) -> x, TreeMap::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void sharedCountLosesNoUpdates(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "sharedCount")) {
            List<SharedCount> counts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SharedCount count = s.closeLater(new SharedCount(s.client(), s.path("count"), 0));
                count.start();
                counts.add(count);
            }
            int perThread = 10;
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (SharedCount count : counts) {
                tasks.add(() -> {
                    int conflicts = 0;
                    for (int k = 0; k < perThread; k++) {
                        while (true) {
                            VersionedValue<Integer> current = count.getVersionedValue();
                            if (count.trySetCount(current, current.getValue() + 1)) {
                                break;
                            }
                            conflicts++;
                        }
                    }
                    return conflicts;
                });
            }
            CuratorLocksTest.runAll(tasks);
            for (SharedCount count : counts) {
                await("every SharedCount sees the total").atMost(TestClient.WAIT).pollInterval(POLL)
                        .until(() -> count.getCount() == counts.size() * perThread);
            }
            SharedCount fresh = s.closeLater(new SharedCount(s.client(), s.path("count"), 0));
            fresh.start();
            assertThat(fresh.getCount()).isEqualTo(counts.size() * perThread);
            assertThat(fresh.getVersionedValue().getVersion()).as("one version per update")
                    .isEqualTo(counts.size() * perThread);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void distributedAtomicLongLosesNoIncrements(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "atomicLong")) {
            List<CuratorFramework> clients = List.of(s.client(), s.client());
            int threads = 4;
            int perThread = 10;
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                DistributedAtomicLong counter = new DistributedAtomicLong(clients.get(i % clients.size()),
                        s.path("counter"), new RetryNTimes(50, 1));
                tasks.add(() -> {
                    List<Long> seen = new ArrayList<>();
                    for (int k = 0; k < perThread; k++) {
                        AtomicValue<Long> result = counter.increment();
                        while (!result.succeeded()) {
                            result = counter.increment();
                        }
                        seen.add(result.postValue());
                    }
                    return seen;
                });
            }
            List<Long> all = CuratorLocksTest.runAll(tasks).stream().flatMap(List::stream).sorted().toList();
            List<Long> expected = new ArrayList<>();
            for (long v = 1; v <= threads * perThread; v++) {
                expected.add(v);
            }
            assertThat(all).as("every increment saw its own value").isEqualTo(expected);
            DistributedAtomicLong reader = new DistributedAtomicLong(s.client(), s.path("counter"), new RetryNTimes(3,
                    10));
            assertThat(reader.get().postValue()).isEqualTo((long) threads * perThread);
            assertThat(reader.compareAndSet(40L, 100L).succeeded()).isTrue();
            assertThat(reader.compareAndSet(40L, 200L).succeeded()).isFalse();
            assertThat(reader.get().postValue()).isEqualTo(100L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void persistentNodeIsRecreatedAfterDeletion(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "persistentNode")) {
            CuratorFramework owner = s.client();
            CuratorFramework other = s.client();
            String path = s.path("member");
            PersistentNode node = s.closeLater(new PersistentNode(owner, CreateMode.EPHEMERAL, false, path,
                    "v1".getBytes(UTF_8)));
            node.start();
            assertThat(node.waitForInitialCreate(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            long firstOwner = other.checkExists().forPath(path).getEphemeralOwner();
            assertThat(firstOwner).isEqualTo(owner.getZookeeperClient().getZooKeeper().getSessionId());
            for (int round = 0; round < 3; round++) {
                long czxid = other.checkExists().forPath(path).getCzxid();
                other.delete().forPath(path);
                await("re-created").atMost(TestClient.WAIT).pollInterval(POLL).until(() -> {
                    var stat = other.checkExists().forPath(path);
                    return stat != null && stat.getCzxid() > czxid;
                });
                assertThat(new String(other.getData().forPath(path), UTF_8)).isEqualTo("v1");
            }
            node.setData("v2".getBytes(UTF_8));
            await("new data").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> new String(other.getData().forPath(path), UTF_8).equals("v2"));
            other.delete().forPath(path);
            await("re-created with the new data").atMost(TestClient.WAIT).pollInterval(POLL).until(() ->
                    other.checkExists().forPath(path) != null && new String(other.getData().forPath(path),
                            UTF_8).equals("v2"));
            node.close();
            assertThat(other.checkExists().forPath(path)).as("deleted on close").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void groupMembersSeeEachOther(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "group")) {
            List<GroupMember> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                GroupMember member = s.closeLater(new GroupMember(s.client(), s.path("group"), "m" + i,
                        ("payload" + i).getBytes(UTF_8)));
                member.start();
                members.add(member);
            }
            for (GroupMember member : members) {
                await("all three members").atMost(TestClient.WAIT).pollInterval(POLL)
                        .until(() -> member.getCurrentMembers().keySet().equals(Set.of("m0", "m1", "m2")));
            }
            assertThat(new String(members.get(0).getCurrentMembers().get("m2"), UTF_8)).isEqualTo("payload2");
            members.get(1).close();
            members.get(2).setThisData("changed".getBytes(UTF_8));
            await("m1 gone, m2's data changed").atMost(TestClient.WAIT).pollInterval(POLL).until(() -> {
                Map<String, byte[]> current = members.get(0).getCurrentMembers();
                return current.keySet().equals(Set.of("m0", "m2")) && "changed".equals(new String(current.get("m2"),
                        UTF_8));
            });
        }
    }
}
