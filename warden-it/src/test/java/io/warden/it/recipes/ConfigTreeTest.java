package io.warden.it.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.CreateMode;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.it.client.StateRecorder;
import io.warden.recipes.config.ConfigEdit;
import io.warden.recipes.config.ConfigListener;
import io.warden.recipes.config.ConfigTree;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration tree against Warden and Apache ZooKeeper: typed reads, change listeners,
 * multi-key edits that apply all or nothing, optimistic edits that notice concurrent changes, and
 * no update lost across a connection outage.
 */
class ConfigTreeTest extends AgainstBothServers {

    /** One change a listener heard. */
    record Change(String key, String oldValue, String newValue) {
    }

    /** Records the changes it hears, in order. */
    static final class Changes implements ConfigListener {
        final List<Change> changes = new CopyOnWriteArrayList<>();

        @Override
        public void changed(String key, String oldValue, String newValue) {
            changes.add(new Change(key, oldValue, newValue));
        }

        void awaitCount(int count) {
            await(count + " changes").atMost(TestClient.WAIT).until(() -> changes.size() >= count);
        }
    }

    /** A JSON value. */
    record Pool(String name, int size, List<String> hosts) {
    }

    private static ConfigTree started(ClientServers.Session session, WardenClient client, String relative)
            throws InterruptedException {
        ConfigTree config = session.closeLater(new ConfigTree(client, session.path(relative)));
        config.start();
        assertThat(config.awaitInitialized(TestClient.WAIT)).isTrue();
        return config;
    }

    private static void put(BlockingClient writer, String path, String value) throws InterruptedException {
        writer.ensurePath(path);
        writer.setData(path, value.getBytes(UTF_8), -1);
    }

    private static String read(BlockingClient reader, String path) throws InterruptedException {
        byte[] data = reader.getData(path).data();
        return data == null ? null : new String(data, UTF_8);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void typedReadsParseValuesAndFallBackToDefaults(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "typed")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/db/url"), "jdbc:h2:mem");
            put(writer, session.path("cfg/db/port"), "5432");
            put(writer, session.path("cfg/big"), "9000000000");
            put(writer, session.path("cfg/on"), "TRUE");
            put(writer, session.path("cfg/ratio"), "0.75");
            put(writer, session.path("cfg/timeout"), "PT30S");
            put(writer, session.path("cfg/backoff"), "1500");
            put(writer, session.path("cfg/pool"), "{\"name\":\"main\",\"size\":8,\"hosts\":[\"a\",\"b\"]}");
            put(writer, session.path("cfg/bad"), "abc");

            ConfigTree config = started(session, session.client(), "cfg");

            assertThat(config.getString("db/url", null)).isEqualTo("jdbc:h2:mem");
            assertThat(config.getInt("db/port", 0)).isEqualTo(5432);
            assertThat(config.getLong("big", 0)).isEqualTo(9_000_000_000L);
            assertThat(config.getBoolean("on", false)).isTrue();
            assertThat(config.getDouble("ratio", 0)).isEqualTo(0.75);
            assertThat(config.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.getDuration("backoff", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
            assertThat(config.get("pool", Pool.class)).isEqualTo(new Pool("main", 8, List.of("a", "b")));
            assertThat(config.getInt("missing", 7)).isEqualTo(7);
            assertThat(config.getString("db", "none")).as("a parent without data holds no value").isEqualTo("none");
            assertThat(config.get("missing", Pool.class)).isNull();
            assertThat(config.keys()).containsExactly("backoff", "bad", "big", "db/port", "db/url", "on", "pool",
                    "ratio", "timeout");
            assertThat(config.values()).containsEntry("db/port", "5432").hasSize(9);

            assertThatThrownBy(() -> config.getInt("bad", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad").hasMessageContaining("\"abc\"");
            assertThatThrownBy(() -> config.getBoolean("db/url", false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("db/url");

            writer.setData(session.path("cfg/bad"), "12".getBytes(UTF_8), -1);
            await("the tree keeps following after a bad read").atMost(TestClient.WAIT)
                    .until(() -> config.getInt("bad", 0) == 12);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void listenersHearTheChangesOfTheirKeyOrPrefix(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "listeners")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/db/url"), "one");
            ConfigTree config = started(session, session.client(), "cfg");
            Changes url = new Changes();
            Changes db = new Changes();
            Changes all = new Changes();
            config.addListener("db/url", url);
            config.addPrefixListener("db", db);
            config.addPrefixListener("", all);

            // One change at a time: the cache reads a node after hearing of it, so changes of different
            // keys made in quick succession may be reported in another order, and quick successive
            // changes of one key as one.
            writer.setData(session.path("cfg/db/url"), "two".getBytes(UTF_8), -1);
            all.awaitCount(1);
            writer.create(session.path("cfg/db/pool"), "8".getBytes(UTF_8), CreateMode.PERSISTENT);
            all.awaitCount(2);
            writer.create(session.path("cfg/dbx"), "x".getBytes(UTF_8), CreateMode.PERSISTENT);
            all.awaitCount(3);
            writer.create(session.path("cfg/empty"), null, CreateMode.PERSISTENT);
            writer.setData(session.path("cfg/dbx"), "x".getBytes(UTF_8), -1);
            writer.delete(session.path("cfg/db/url"), -1);
            all.awaitCount(4);
            writer.setData(session.path("cfg/db/pool"), "9".getBytes(UTF_8), -1);
            all.awaitCount(5);

            assertThat(url.changes).containsExactly(new Change("db/url", "one", "two"),
                    new Change("db/url", "two", null));
            assertThat(db.changes).containsExactly(new Change("db/url", "one", "two"),
                    new Change("db/pool", null, "8"), new Change("db/url", "two", null),
                    new Change("db/pool", "8", "9"));
            assertThat(all.changes).as("a node without data and a rewrite of the same value change no value")
                    .containsExactly(new Change("db/url", "one", "two"), new Change("db/pool", null, "8"),
                            new Change("dbx", null, "x"), new Change("db/url", "two", null),
                            new Change("db/pool", "8", "9"));
            assertThat(config.keys()).containsExactly("db/pool", "dbx");
            assertThat(config.getString("db/url", "gone")).isEqualTo("gone");

            config.removeListener(all);
            writer.setData(session.path("cfg/db/pool"), "10".getBytes(UTF_8), -1);
            db.awaitCount(5);
            assertThat(all.changes).hasSize(5);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void listenersAddedBeforeStartHearTheInitialValues(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "initial")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/a"), "1");
            put(writer, session.path("cfg/b/c"), "2");
            ConfigTree config = session.closeLater(new ConfigTree(session.client(), session.path("cfg")));
            Changes all = new Changes();
            config.addPrefixListener("", all);

            config.start();
            assertThat(config.awaitInitialized(TestClient.WAIT)).isTrue();

            assertThat(all.changes).containsExactlyInAnyOrder(new Change("a", null, "1"), new Change("b/c", null, "2"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anEditAppliesEveryKeyAtOnceCreatingParents(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "edit")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/old"), "o");
            put(writer, session.path("cfg/keep"), "k");
            put(writer, session.path("cfg/dir/leaf"), "l");
            ConfigTree config = started(session, session.client(), "cfg");
            Changes all = new Changes();
            config.addPrefixListener("", all);

            config.edit().set("a/b/c", "deep").set("keep", 42).set("timeout", Duration.ofSeconds(5))
                    .setJson("pool", new Pool("p", 2, List.of("h"))).remove("old").remove("dir").remove("never")
                    .commit();

            assertThat(read(writer, session.path("cfg/a/b/c"))).isEqualTo("deep");
            assertThat(read(writer, session.path("cfg/keep"))).isEqualTo("42");
            assertThat(writer.exists(session.path("cfg/old"))).isNull();
            assertThat(writer.exists(session.path("cfg/dir"))).as("a removed key with keys below is cleared")
                    .isNotNull();
            assertThat(read(writer, session.path("cfg/dir/leaf"))).isEqualTo("l");
            await().atMost(TestClient.WAIT).until(() -> config.values().equals(Map.of("a/b/c", "deep", "keep", "42",
                    "timeout", "PT5S", "dir/leaf", "l", "pool", "{\"name\":\"p\",\"size\":2,\"hosts\":[\"h\"]}")));
            assertThat(config.getDuration("timeout", null)).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.get("pool", Pool.class)).isEqualTo(new Pool("p", 2, List.of("h")));
            await().atMost(TestClient.WAIT).until(() -> all.changes.containsAll(List.of(new Change("old", "o", null),
                    new Change("keep", "k", "42"), new Change("a/b/c", null, "deep"))));

            writer.create(session.path("cfg/behind"), "theirs".getBytes(UTF_8), CreateMode.PERSISTENT);
            config.edit().set("behind", "ours").commit();
            assertThat(read(writer, session.path("cfg/behind"))).as("commit() does not depend on the cache")
                    .isEqualTo("ours");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anEditThatFailsAppliesNothing(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "atomic")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/existing"), "before");
            put(writer, session.path("cfg/gone"), "g");
            writer.create(session.path("cfg/eph"), "e".getBytes(UTF_8), CreateMode.EPHEMERAL);
            ConfigTree config = started(session, session.client(), "cfg");

            ConfigEdit edit = config.edit().set("fresh/key", "1").set("existing", "after").remove("gone")
                    .set("eph/child", "a node below an ephemeral one cannot be created");
            assertThatThrownBy(edit::commit).isInstanceOfSatisfying(WardenException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOCHILDRENFOREPHEMERALS));

            assertThat(writer.exists(session.path("cfg/fresh"))).isNull();
            assertThat(read(writer, session.path("cfg/existing"))).isEqualTo("before");
            assertThat(read(writer, session.path("cfg/gone"))).isEqualTo("g");
            assertThat(writer.exists(session.path("cfg/eph/child"))).isNull();
            assertThat(config.values()).isEqualTo(Map.of("existing", "before", "gone", "g", "eph", "e"));
            assertThatThrownBy(edit::commit).as("an edit is committed once").isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anOptimisticEditFailsWhenAKeyChangedSinceTheCacheSawIt(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "optimistic")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/limit"), "10");
            put(writer, session.path("cfg/used"), "3");
            ConfigTree config = started(session, session.client(), "cfg");
            assertThat(config.values()).isEqualTo(Map.of("limit", "10", "used", "3"));

            ConfigEdit changed = config.edit().set("used", "4").set("other", "x");
            writer.setData(session.path("cfg/used"), "5".getBytes(UTF_8), -1);
            assertThatThrownBy(changed::commitIfUnchanged).isInstanceOfSatisfying(WardenException.class,
                    e -> assertThat(e.code()).as("%s %s", e, e.results()).isEqualTo(ErrorCode.BADVERSION));
            assertThat(read(writer, session.path("cfg/used"))).isEqualTo("5");
            assertThat(writer.exists(session.path("cfg/other"))).isNull();

            ConfigEdit created = config.edit().set("new", "mine");
            writer.create(session.path("cfg/new"), "theirs".getBytes(UTF_8), CreateMode.PERSISTENT);
            assertThatThrownBy(created::commitIfUnchanged).isInstanceOfSatisfying(WardenException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NODEEXISTS));
            assertThat(read(writer, session.path("cfg/new"))).isEqualTo("theirs");

            await().atMost(TestClient.WAIT).until(() -> config.getInt("used", 0) == 5);
            ConfigEdit absent = config.edit().remove("ghost").set("used", "6");
            writer.create(session.path("cfg/ghost"), "boo".getBytes(UTF_8), CreateMode.PERSISTENT);
            assertThatThrownBy(absent::commitIfUnchanged).isInstanceOfSatisfying(WardenException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NODEEXISTS));
            assertThat(read(writer, session.path("cfg/used"))).isEqualTo("5");
            assertThat(read(writer, session.path("cfg/ghost"))).as("a key that appeared is not removed blindly")
                    .isEqualTo("boo");

            ConfigEdit required = config.edit().requireUnchanged("limit").set("used", "6");
            writer.setData(session.path("cfg/limit"), "1".getBytes(UTF_8), -1);
            assertThatThrownBy(required::commitIfUnchanged).isInstanceOfSatisfying(WardenException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BADVERSION));
            assertThat(read(writer, session.path("cfg/used"))).isEqualTo("5");

            await().atMost(TestClient.WAIT).until(() -> config.getInt("limit", 0) == 1
                    && "boo".equals(config.getString("ghost", null)));
            config.edit().requireUnchanged("limit").set("used", "6").remove("ghost").commitIfUnchanged();
            assertThat(read(writer, session.path("cfg/used"))).isEqualTo("6");
            assertThat(writer.exists(session.path("cfg/ghost"))).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void changesMadeDuringAnOutageAreSeenAndReportedAfterIt(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "outage")) {
            BlockingClient writer = session.client().blocking();
            put(writer, session.path("cfg/stays"), "s");
            put(writer, session.path("cfg/changes"), "before");
            put(writer, session.path("cfg/goes"), "g");
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            StateRecorder states = StateRecorder.of(client);
            ConfigTree config = started(session, client, "cfg");
            Changes all = new Changes();
            config.addPrefixListener("", all);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            writer.setData(session.path("cfg/changes"), "during".getBytes(UTF_8), -1);
            writer.delete(session.path("cfg/goes"), -1);
            writer.create(session.path("cfg/comes"), "c".getBytes(UTF_8), CreateMode.PERSISTENT);
            assertThat(config.getString("changes", null)).as("the cache cannot know yet").isEqualTo("before");
            proxy.restore();
            states.await(ConnectionState.RECONNECTED);

            all.awaitCount(3);
            assertThat(all.changes).containsExactlyInAnyOrder(new Change("changes", "before", "during"),
                    new Change("goes", "g", null), new Change("comes", null, "c"));
            assertThat(config.values()).isEqualTo(Map.of("stays", "s", "changes", "during", "comes", "c"));

            config.edit().set("changes", "after").commitIfUnchanged();
            assertThat(read(writer, session.path("cfg/changes"))).isEqualTo("after");
            all.awaitCount(4);
            assertThat(all.changes.get(3)).isEqualTo(new Change("changes", "during", "after"));
        }
    }
}
