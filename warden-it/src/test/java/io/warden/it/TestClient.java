package io.warden.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ConnectStringParser;
import org.apache.zookeeper.client.StaticHostProvider;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * An official ZooKeeper client handle for tests. Its default watcher records connection states and
 * node events separately, in the order the client's event thread delivers them.
 */
public final class TestClient implements AutoCloseable {

    /** The bound on every wait for a server to answer or a state to be reached. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * How often bounded waits look again. Awaitility's default (a first look after 100 ms) would add
     * that much to every connect.
     */
    private static final Duration POLL = Duration.ofMillis(5);

    private final DetachableZooKeeper zk;
    private final Recorder recorder;

    private TestClient(DetachableZooKeeper zk, Recorder recorder) {
        this.zk = zk;
        this.recorder = recorder;
    }

    /** Opens a new session and waits (bounded) until it is connected. */
    public static TestClient connect(String connectString, int sessionTimeoutMs) {
        TestClient client = open(connectString, sessionTimeoutMs, 0, null);
        try {
            client.awaitState(KeeperState.SyncConnected);
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * Opens a handle on an existing session id and password without waiting: the caller awaits
     * {@link KeeperState#SyncConnected} or {@link KeeperState#Expired}.
     */
    public static TestClient attach(String connectString, int sessionTimeoutMs, long sessionId, byte[] password) {
        return open(connectString, sessionTimeoutMs, sessionId, password);
    }

    private static TestClient open(String connectString, int sessionTimeoutMs, long sessionId, byte[] password) {
        Recorder recorder = new Recorder();
        // Synchronous calls give up after WAIT instead of blocking forever on a server that never answers.
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, Long.toString(WAIT.toMillis()));
        try {
            DetachableZooKeeper zk = password == null
                    ? new DetachableZooKeeper(connectString, sessionTimeoutMs, recorder, config)
                    : new DetachableZooKeeper(connectString, sessionTimeoutMs, recorder, sessionId, password, config);
            return new TestClient(zk, recorder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ZooKeeper zk() {
        return zk;
    }

    public long sessionId() {
        return zk.getSessionId();
    }

    public byte[] sessionPassword() {
        return zk.getSessionPasswd();
    }

    /** Waits (bounded) until the client has reported {@code state} at least once. */
    public void awaitState(KeeperState state) {
        await("client state " + state).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> recorder.states().contains(state));
    }

    /** Every connection state reported so far, in order. */
    public List<KeeperState> states() {
        return recorder.states();
    }

    /**
     * Waits (bounded) until every notification the server sent this client before answering a sync
     * has been delivered to the watcher: the sync callback runs on the same event thread, after them.
     */
    public void barrier() {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger();
        zk.sync("/", (code, path, ctx) -> {
            rc.set(code);
            done.countDown();
        }, null);
        try {
            if (!done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no answer to sync within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for sync", e);
        }
        if (rc.get() != 0) {
            throw new AssertionError("sync failed with code " + rc.get());
        }
    }

    /**
     * Retries a read of {@code path} (bounded) until it gets an answer, riding out a reconnect after
     * the server closed this client's connection; returns whether the node exists. Then waits for
     * the watcher to have been told of the reconnect ({@link #barrier()}): the client answers a
     * synchronous read on its own thread, possibly before its event thread reported SyncConnected,
     * so {@link #states()} read right after the read alone could still lack it.
     */
    public boolean awaitUsable(String path) {
        boolean exists = await("a read of " + path + " gets an answer").atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .ignoreExceptionsInstanceOf(org.apache.zookeeper.KeeperException.ConnectionLossException.class)
                .until(() -> zk.exists(path, false) != null, answered -> true);
        barrier();
        return exists;
    }

    /** Waits (bounded) until at least {@code count} node events are pending. */
    public void awaitEvents(int count) {
        await(count + " watch events").atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> recorder.pendingEvents() >= count);
    }

    /** Node events delivered since the last call, in delivery order. */
    public List<WatchedEvent> drainEvents() {
        return recorder.drainEvents();
    }

    /**
     * Drops the connection without sending closeSession, as a crashed client would: the server keeps
     * the session until it times out. The handle is unusable afterwards.
     */
    public void dropConnection() {
        zk.detach();
    }

    @Override
    public void close() {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The official client with a way to vanish without closing its session. */
    static final class DetachableZooKeeper extends ZooKeeper {
        DetachableZooKeeper(String connectString, int timeout, Watcher watcher, ZKClientConfig config)
                throws IOException {
            super(connectString, timeout, watcher, config);
        }

        DetachableZooKeeper(String connectString, int timeout, Watcher watcher, long id, byte[] pw,
                ZKClientConfig config) throws IOException {
            super(connectString, timeout, watcher, id, pw, false,
                    new StaticHostProvider(new ConnectStringParser(connectString).getServerAddresses()), config);
        }

        void detach() {
            // Stops the client's threads and closes its socket; no closeSession goes out.
            cnxn.disconnect();
        }
    }

    private static final class Recorder implements Watcher {
        private final List<KeeperState> states = new ArrayList<>();
        private final List<WatchedEvent> events = new ArrayList<>();

        @Override
        public synchronized void process(WatchedEvent event) {
            if (event.getType() == EventType.None) {
                states.add(event.getState());
            } else {
                events.add(event);
            }
        }

        synchronized List<KeeperState> states() {
            return List.copyOf(states);
        }

        synchronized int pendingEvents() {
            return events.size();
        }

        synchronized List<WatchedEvent> drainEvents() {
            List<WatchedEvent> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }
}
