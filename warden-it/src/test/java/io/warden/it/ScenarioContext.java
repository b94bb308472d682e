package io.warden.it;

import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * What a scenario gets while it runs on one server: the server, the transcript, a connected primary
 * client (session {@code S1}), a root path of its own, and more clients or raw connections on demand,
 * all closed when the scenario ends.
 */
public final class ScenarioContext implements AutoCloseable {

    /** The session timeout of clients opened without an explicit one. */
    public static final int SESSION_TIMEOUT_MS = 30_000;

    private final TestServer server;
    private final Transcript transcript;
    private final String root;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<CuttableProxy> proxies = new ArrayList<>();
    private TestClient primary;

    ScenarioContext(TestServer server, Transcript transcript, String root) {
        this.server = server;
        this.transcript = transcript;
        this.root = root;
    }

    /**
     * Connects the primary client and, when {@code createRoot}, creates the scenario's root node and
     * takes its czxid as the transcript's zxid base.
     */
    void start(boolean createRoot) throws KeeperException, InterruptedException {
        primary = connect();
        if (createRoot) {
            Stat stat = new Stat();
            primary.zk().create(root, null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
            transcript.setZxidBase(stat.getCzxid());
        }
    }

    public TestServer server() {
        return server;
    }

    public Transcript t() {
        return transcript;
    }

    /**
     * The scenario's own root path, unique on the server. On a shared server it exists when the
     * scenario starts (its czxid is the zxid base); on a fresh server it does not.
     */
    public String root() {
        return root;
    }

    /** {@code root + "/" + relative}. */
    public String path(String relative) {
        return root + "/" + relative;
    }

    /** The primary client (the first session, S1). */
    public TestClient client() {
        return primary;
    }

    /** The primary client's handle. */
    public ZooKeeper zk() {
        return primary.zk();
    }

    /** Opens another connected client; its session gets the next S-label. */
    public TestClient connect() {
        return connect(SESSION_TIMEOUT_MS);
    }

    public TestClient connect(int sessionTimeoutMs) {
        return connect(server.connectString(), sessionTimeoutMs);
    }

    /**
     * Opens a connected client with a connect string of its own: through a {@link #proxy()}, or with
     * a chroot suffix ({@code host:port/app}).
     */
    public TestClient connect(String connectString, int sessionTimeoutMs) {
        TestClient client = register(TestClient.connect(connectString, sessionTimeoutMs));
        transcript.session(client.sessionId());
        return client;
    }

    /**
     * Starts a relay to the server that can cut its connections; it is closed after every client has
     * closed its session, when the scenario ends. A scenario that cuts must restore before it ends.
     */
    CuttableProxy proxy() {
        CuttableProxy proxy = CuttableProxy.start(server);
        proxies.add(proxy);
        return proxy;
    }

    /** Opens a handle on an existing session without waiting for the outcome. */
    public TestClient attach(long sessionId, byte[] password, int sessionTimeoutMs) {
        return register(TestClient.attach(server.connectString(), sessionTimeoutMs, sessionId, password));
    }

    /** Opens a raw TCP connection to the client port. */
    RawConnection raw() {
        return register(RawConnection.open(server));
    }

    /** Records, as {@code who event ...} lines, the node events the client has received so far. */
    public void events(String who, TestClient client) {
        client.barrier();
        List<WatchedEvent> events = client.drainEvents();
        if (events.isEmpty()) {
            transcript.line(who + " events: none");
        }
        for (WatchedEvent e : events) {
            transcript.line(who + " event: " + transcript.render(e));
        }
    }

    /**
     * Like {@link #events} but sorted by zxid and then by text, for events fired by one transaction
     * whose order among paths is unspecified (the ephemerals deleted when a session ends).
     */
    public void eventsSorted(String who, TestClient client) {
        client.barrier();
        List<WatchedEvent> events = new ArrayList<>(client.drainEvents());
        events.sort(java.util.Comparator.comparingLong(WatchedEvent::getZxid)
                .thenComparing(e -> transcript.render(e)));
        if (events.isEmpty()) {
            transcript.line(who + " events: none");
        }
        for (WatchedEvent e : events) {
            transcript.line(who + " event: " + transcript.render(e));
        }
    }

    /** Records the Stat of {@code path} (or the error reading it). */
    public void stat(String label, String path) throws InterruptedException {
        transcript.op(label + " exists " + path, () -> zk().exists(path, false));
    }

    private <T extends AutoCloseable> T register(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * Closes everything the scenario opened. The transcript is complete by now, so the clients are
     * closed concurrently (the official client spends about 100 ms joining its threads in each
     * close); this returns once every close has returned, so every closeSession is applied before the
     * next scenario starts.
     */
    @Override
    public void close() {
        List<Thread> closers = new ArrayList<>();
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable resource = resources.get(i);
            Thread closer = new Thread(() -> {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // keep closing the rest
                }
            }, "scenario-close");
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            try {
                closer.join(TestClient.WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        resources.clear();
        for (CuttableProxy proxy : proxies) {
            proxy.close();
        }
        proxies.clear();
    }
}
