package io.warden.client;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warden.common.RandomSource;
import io.warden.wire.Acl;
import io.warden.wire.Frames;
import io.warden.wire.Stat;
import io.warden.wire.proto.ClientInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Warden client: every operation of ZooKeeper 3.9 as a {@link CompletableFuture}, for Warden
 * and for Apache ZooKeeper servers.
 *
 * <pre>{@code
 * try (WardenClient client = WardenClient.connect("localhost:2181")) {
 *     client.create("/app", "hello".getBytes(UTF_8), CreateMode.PERSISTENT).join();
 *     byte[] data = client.getData("/app").join().data();
 * }
 * }</pre>
 *
 * <p>The client connects in the background and keeps its session across connection losses: it
 * tries the servers of the connect string in turn, re-attaches the session, authenticates again and
 * re-registers its watches. Requests made while it is disconnected wait (at most
 * {@code connectionTimeoutMs}). Idempotent operations (reads, sync, addWatch, whoAmI) that fail
 * with CONNECTIONLOSS, SESSIONEXPIRED, REQUESTTIMEOUT or THROTTLEDOP are retried under the
 * {@link RetryPolicy}; writes are not, since
 * only the application knows whether a write that may have happened should happen again. When a
 * session ends ({@link ConnectionState#LOST}, {@link ConnectionState#EXPIRED}) the client starts a
 * new one and keeps its watches; the ephemeral nodes of the old session are gone.
 *
 * <p>Futures complete on the client's event thread, in order with watch events and state changes.
 * Never wait on a future in a callback: use {@link #blocking()}, whose calls are safe anywhere.
 * Failures are {@link WardenException}s (wrapped in a CompletionException by {@code join()}).
 */
public final class WardenClient implements AutoCloseable {
    private final ClientCore core;
    private final Operations operations;
    private final BlockingClient blocking;

    private WardenClient(ClientCore core) {
        this.core = core;
        this.operations = core.operations();
        this.blocking = new BlockingClient(core, this);
    }

    /** A client with the default settings, connecting in the background. */
    public static WardenClient connect(String connectString) {
        return builder(connectString).build();
    }

    public static Builder builder(String connectString) {
        return new Builder(connectString);
    }

    /** The same client with calls that wait for their result. */
    public BlockingClient blocking() {
        return blocking;
    }

    /**
     * Completes (on the event thread) when the client is connected: at once if it is, else at the
     * next connection; fails when the client ends (closed, or refused authentication).
     */
    public CompletableFuture<Void> whenConnected() {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        CompletableFuture<Void> waiter = core.driver().connectionWaiter();
        waiter.whenCompleteAsync((ignored, failure) -> {
            if (failure == null) {
                connected.complete(null);
            } else {
                connected.completeExceptionally(failure);
            }
        }, eventExecutor());
        // A caller that gives up cancels; the client then forgets the wait.
        connected.whenComplete((ignored, failure) -> {
            if (connected.isCancelled()) {
                core.driver().forgetConnectionWaiter(waiter);
            }
        });
        return connected;
    }

    /** True when the last state was CONNECTED or RECONNECTED. */
    public boolean isConnected() {
        ConnectionState state = core.driver().lastState();
        return state != null && state.isConnected();
    }

    /** The last state reported, or null before the first connection. */
    public ConnectionState state() {
        return core.driver().lastState();
    }

    /**
     * True on this client's event thread (watchers, listeners, async completions). Code that blocks
     * until a watch fires must not run there: the event it waits for would queue behind it.
     */
    public boolean isEventThread() {
        return core.driver().events().isEventThread();
    }

    /**
     * Runs tasks on this client's event thread, after every event and completion already queued:
     * for code (recipes, caches) that keeps its state on that thread.
     */
    public Executor eventExecutor() {
        return core.driver().events()::dispatch;
    }

    /** The id of the current (or last) session, 0 before the first. */
    public long sessionId() {
        return core.driver().sessionHandle().id();
    }

    /**
     * The password of the current session: with {@link #sessionId()} it lets another client (of this
     * process or another) take the session over. Keep it secret.
     */
    public byte[] sessionPassword() {
        return core.driver().sessionHandle().password().clone();
    }

    public void addConnectionStateListener(ConnectionStateListener listener) {
        core.driver().addListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeConnectionStateListener(ConnectionStateListener listener) {
        core.driver().removeListener(listener);
    }

    // ---- nodes --------------------------------------------------------------------------------

    /** Creates a node with the default ACL; the future holds its actual path. */
    public CompletableFuture<String> create(String path, byte[] data, CreateMode mode) {
        return create(Op.create(path, data, mode)).thenApply(Created::path);
    }

    public CompletableFuture<String> create(String path, byte[] data, List<Acl> acl, CreateMode mode) {
        return create(Op.create(path, data, acl, mode)).thenApply(Created::path);
    }

    /** Creates a node described by {@code op} (any mode, TTL included); the future holds its path and Stat. */
    public CompletableFuture<Created> create(Op.Create op) {
        return core.call(operations.create(op), false);
    }

    /** Creates {@code path} and any missing ancestors as persistent nodes with no data; existing ones are kept. */
    public CompletableFuture<Void> ensurePath(String path) {
        return core.ensurePath(path, CreateMode.PERSISTENT, false);
    }

    /** Like {@link #ensurePath} with container nodes, which the server deletes once they are empty. */
    public CompletableFuture<Void> ensureContainers(String path) {
        return core.ensurePath(path, CreateMode.CONTAINER, false);
    }

    public CompletableFuture<Void> delete(String path, int version) {
        return core.call(operations.delete(path, version), false);
    }

    public CompletableFuture<Void> delete(String path) {
        return delete(path, -1);
    }

    /** Deletes {@code path} and everything below it; a missing node is not an error. */
    public CompletableFuture<Void> deleteAll(String path) {
        return core.deleteAll(path, false);
    }

    /** The node's Stat, or null when it does not exist. */
    public CompletableFuture<Stat> exists(String path) {
        return core.call(operations.exists(path, null), false);
    }

    /** Like {@link #exists(String)}, leaving a watch that fires when the node is created, changed or deleted. */
    public CompletableFuture<Stat> exists(String path, Watcher watcher) {
        return core.call(operations.exists(path, Objects.requireNonNull(watcher, "watcher")), false);
    }

    public CompletableFuture<NodeData> getData(String path) {
        return core.call(operations.getData(path, null), false);
    }

    /** Like {@link #getData(String)}, leaving a watch that fires when the data changes or the node goes. */
    public CompletableFuture<NodeData> getData(String path, Watcher watcher) {
        return core.call(operations.getData(path, Objects.requireNonNull(watcher, "watcher")), false);
    }

    /** Replaces the data if the version matches (-1: any); the future holds the new Stat. */
    public CompletableFuture<Stat> setData(String path, byte[] data, int version) {
        return core.call(operations.setData(path, data, version), false);
    }

    public CompletableFuture<NodeAcl> getAcl(String path) {
        return core.call(operations.getAcl(path), false);
    }

    /** Replaces the ACL if the ACL version ({@code aversion}) matches (-1: any). */
    public CompletableFuture<Stat> setAcl(String path, List<Acl> acl, int aclVersion) {
        return core.call(operations.setAcl(path, acl, aclVersion), false);
    }

    public CompletableFuture<Children> getChildren(String path) {
        return core.call(operations.getChildren(path, null), false);
    }

    /** Like {@link #getChildren(String)}, leaving a watch that fires when a child comes or goes, or the node goes. */
    public CompletableFuture<Children> getChildren(String path, Watcher watcher) {
        return core.call(operations.getChildren(path, Objects.requireNonNull(watcher, "watcher")), false);
    }

    /** Waits until the server this client is connected to has every write the leader had committed. */
    public CompletableFuture<Void> sync(String path) {
        return core.call(operations.sync(path), false);
    }

    /** Writes applied all or nothing; a failure is a WardenException whose {@code results()} say which op failed. */
    public CompletableFuture<List<OpResult>> multi(List<Op> ops) {
        requireKind(ops, false);
        return ops.isEmpty() ? CompletableFuture.completedFuture(List.of()) : core.call(operations.multi(ops), false);
    }

    /** Reads answered together; each op succeeds or fails ({@link OpResult.ErrorResult}) on its own. */
    public CompletableFuture<List<OpResult>> multiRead(List<Op> ops) {
        requireKind(ops, true);
        return ops.isEmpty() ? CompletableFuture.completedFuture(List.of()) : core.call(operations.multi(ops), false);
    }

    public CompletableFuture<Integer> getAllChildrenNumber(String path) {
        return core.call(operations.getAllChildrenNumber(path), false);
    }

    /** The paths of this session's ephemeral nodes whose path starts with {@code prefix} (below the chroot). */
    public CompletableFuture<List<String>> getEphemerals(String prefix) {
        return core.call(operations.getEphemerals(prefix), false);
    }

    public CompletableFuture<List<String>> getEphemerals() {
        return getEphemerals("/");
    }

    // ---- watches ------------------------------------------------------------------------------

    /** A watch that stays: on the node, or with PERSISTENT_RECURSIVE on the node and everything below it. */
    public CompletableFuture<Void> addWatch(String path, Watcher watcher, AddWatchMode mode) {
        return core.call(operations.addWatch(path, watcher, Objects.requireNonNull(mode, "mode")), false);
    }

    /**
     * Removes {@code watcher}'s watches of {@code type} on {@code path}; the watcher is told with a
     * *_WATCH_REMOVED event. NOWATCHER when it holds none. With {@code local}, the watch is removed
     * here even when no server can be asked.
     */
    public CompletableFuture<Void> removeWatches(String path, Watcher watcher, WatcherType type, boolean local) {
        return core.call(operations.removeWatches(path, watcher, Objects.requireNonNull(type, "type"), local),
                false);
    }

    /** Removes every watch of {@code type} on {@code path}, on the server and here. */
    public CompletableFuture<Void> removeAllWatches(String path, WatcherType type, boolean local) {
        return core.call(operations.removeAllWatches(path, Objects.requireNonNull(type, "type"), local), false);
    }

    /**
     * Stops delivering events to {@code watcher}: every registration of it, of any kind and path, is
     * dropped here, without a request and without a *_WATCH_REMOVED event. A watch the server holds
     * for it fires once more at most, to nobody. For code that waited on a watch and gave up.
     */
    public void forgetWatcher(Watcher watcher) {
        core.driver().run(now -> core.session().forgetWatcher(Objects.requireNonNull(watcher, "watcher")));
    }

    // ---- identity and ensemble ----------------------------------------------------------------

    /**
     * Adds a credential, sent now and on every later connection. {@code digest} takes
     * {@code user:password}. A server that refuses it ends the client ({@link ConnectionState#AUTH_FAILED}).
     */
    public CompletableFuture<Void> addAuth(String scheme, byte[] auth) {
        return core.addAuth(Objects.requireNonNull(scheme, "scheme"), auth, false);
    }

    /** The identities the server holds for this connection (scheme and user). */
    public CompletableFuture<List<ClientInfo>> whoAmI() {
        return core.call(operations.whoAmI(), false);
    }

    /**
     * A Warden extension, not in ZooKeeper: asks the server this client is connected to, which
     * must be the ensemble's leader, to hand leadership to server {@code serverId} (its
     * {@code myid}). The session must be authenticated as the superuser
     * ({@code zookeeper.DigestAuthenticationProvider.superDigest}, with {@link #addAuth}). Completes
     * once the hand-over has started; the new leader is elected a moment later, and every client of
     * the old leader reconnects. Fails with NOAUTH for another session, APIERROR on a server that is
     * not the leader, BADARGUMENTS for a target that cannot lead (this server, an unknown id, an
     * observer), NEWCONFIGNOQUORUM for a target that is not a synchronised follower, and
     * RECONFIGINPROGRESS while a hand-over is under way. Never retried.
     */
    public CompletableFuture<Void> transferLeadership(long serverId) {
        return core.call(operations.transferLeadership(serverId), false);
    }

    /** The ensemble configuration ({@code /zookeeper/config}, outside any chroot), optionally watched. */
    public CompletableFuture<NodeData> getConfig(Watcher watcherOrNull) {
        return core.call(operations.getConfig(watcherOrNull), false);
    }

    /**
     * Changes the ensemble membership (ZooKeeperAdmin's reconfig): {@code joiningServers} and
     * {@code leavingServers} for an incremental change, or {@code newMembers} for a whole new list;
     * {@code fromConfigId} -1 for any current configuration.
     */
    public CompletableFuture<NodeData> reconfig(String joiningServers, String leavingServers, String newMembers,
            long fromConfigId) {
        return core.call(operations.reconfig(joiningServers, leavingServers, newMembers, fromConfigId), false);
    }

    /**
     * Ends the session (its ephemeral nodes go at once) and stops the client's threads. Requests
     * already sent are answered first. When the client is disconnected it keeps trying to reach a
     * server for {@code closeTimeoutMs}, to end the session there; a session it cannot end expires
     * on the server by itself. Waits at most about three times {@code closeTimeoutMs}.
     */
    @Override
    public void close() {
        core.close();
    }

    static void requireKind(List<Op> ops, boolean reads) {
        for (Op op : Objects.requireNonNull(ops, "ops")) {
            if (op.isRead() != reads) {
                throw new IllegalArgumentException((reads ? "multiRead takes GetData and GetChildren ops only, not "
                        : "multi takes Create, Delete, SetData and Check ops only, not ") + op);
            }
        }
    }

    /** A credential given to the builder. */
    private record Credential(String scheme, byte[] auth) {
    }

    /** Settings of a client; every one has a default. */
    public static final class Builder {
        private static final AtomicInteger CLIENTS = new AtomicInteger();

        private final String connectString;
        private int sessionTimeoutMs = 30_000;
        private long connectionTimeoutMs = 15_000;
        private long requestTimeoutMs;
        private long reconnectBackoffMaxMs = 1_000;
        private long closeTimeoutMs = 2_000;
        private int pendingRequestsMax = 100_000;
        private int maxFrameBytes = Frames.JUTE_MAXBUFFER_DEFAULT;
        private RetryPolicy retryPolicy = RetryPolicy.exponentialBackoff(50, 2_000, 10);
        private List<Acl> defaultAcl = Acl.OPEN_ACL_UNSAFE;
        private final List<Credential> auths = new ArrayList<>();
        private EventLoopGroup eventLoopGroup;
        private SslContext tls;
        private Long randomSeed;

        private Builder(String connectString) {
            this.connectString = Objects.requireNonNull(connectString, "connectString");
        }

        /** The session timeout to ask for (the server clamps it); default 30 000. */
        public Builder sessionTimeoutMs(int value) {
            this.sessionTimeoutMs = value;
            return this;
        }

        /** How long a request waits for a connection before it fails with CONNECTIONLOSS; default 15 000. */
        public Builder connectionTimeoutMs(long value) {
            this.connectionTimeoutMs = value;
            return this;
        }

        /**
         * How long a sent request may wait for its reply before it fails with REQUESTTIMEOUT and the
         * connection is dropped; 0 (the default, as in ZooKeeper) for no limit beyond the connection's
         * liveness.
         */
        public Builder requestTimeoutMs(long value) {
            this.requestTimeoutMs = value;
            return this;
        }

        /** The longest pause after every server failed in a row, before the next round; default 1 000. */
        public Builder reconnectBackoffMaxMs(long value) {
            this.reconnectBackoffMaxMs = value;
            return this;
        }

        /** How long close() waits for the server to end the session; default 2 000. */
        public Builder closeTimeoutMs(long value) {
            this.closeTimeoutMs = value;
            return this;
        }

        /** Requests waiting or in flight at once; more fail at once with THROTTLEDOP. Default 100 000. */
        public Builder pendingRequestsMax(int value) {
            this.pendingRequestsMax = value;
            return this;
        }

        /** The largest frame sent or accepted, as the server's jute.maxbuffer; default 1 MiB - 1. */
        public Builder maxFrameBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxFrameBytes must be at least 1024, not " + value);
            }
            this.maxFrameBytes = value;
            return this;
        }

        /** How idempotent operations are retried; default exponential backoff from 50 ms to 2 s, 10 retries. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** The ACL of nodes created without one; default world:anyone with every permission. */
        public Builder defaultAcl(List<Acl> value) {
            this.defaultAcl = List.copyOf(value);
            return this;
        }

        /** A credential sent on every connection, before any request. */
        public Builder auth(String scheme, byte[] auth) {
            this.auths.add(new Credential(Objects.requireNonNull(scheme, "scheme"), auth.clone()));
            return this;
        }

        /** A digest credential, {@code user:password}. */
        public Builder digestAuth(String user, String password) {
            return auth("digest", (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Share an event loop group (and its threads) between clients; the client will not shut it
         * down. It must be an NIO or an epoll group ({@link #build} refuses any other kind).
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.eventLoopGroup = value;
            return this;
        }

        /**
         * Connect over TLS (a ZooKeeper {@code secureClientPort}), trusting what {@code trust} trusts
         * and presenting the key of {@code keysOrNull} when the server asks for a client certificate.
         * The server's certificate must name the host of the connect string.
         */
        public Builder tls(TrustManagerFactory trust, KeyManagerFactory keysOrNull) {
            try {
                SslContextBuilder builder = SslContextBuilder.forClient().trustManager(trust)
                        .endpointIdentificationAlgorithm("HTTPS");
                if (keysOrNull != null) {
                    builder.keyManager(keysOrNull);
                }
                this.tls = builder.build();
            } catch (SSLException e) {
                throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
            }
            return this;
        }

        /** Fixes the order in which servers are tried and retry jitter, for reproducible tests. */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** Creates the client; it starts connecting at once. */
        public WardenClient build() {
            ConnectString parsed = ConnectString.parse(connectString);
            if (eventLoopGroup != null) {
                ClientTransport.socketChannelFor(eventLoopGroup.next()); // refuses a group no connection could use
            }
            SessionSettings settings = new SessionSettings(sessionTimeoutMs, connectionTimeoutMs, requestTimeoutMs,
                    reconnectBackoffMaxMs, closeTimeoutMs, pendingRequestsMax, maxFrameBytes);
            RandomSource random = RandomSource.seeded(randomSeed != null ? randomSeed
                    : System.nanoTime() ^ System.identityHashCode(this));
            int number = CLIENTS.incrementAndGet();
            EventLoopGroup owned = eventLoopGroup == null
                    ? ClientTransport.eventLoops(new DefaultThreadFactory("warden-client-io-" + number, true)) : null;
            EventDispatcher events = new EventDispatcher("warden-client-events-" + number);
            long origin = System.nanoTime();
            ClientDriver driver = new ClientDriver(owned != null ? owned : eventLoopGroup, events,
                    () -> (System.nanoTime() - origin) / 1_000_000, maxFrameBytes, tls);
            ClientSession session = new ClientSession(settings, new HostRotation(parsed.servers(), random),
                    parsed.chroot(), random, driver);
            driver.attach(session);
            Operations operations = new Operations(parsed.chroot(), defaultAcl, maxFrameBytes);
            ClientCore core = new ClientCore(driver, session, operations, retryPolicy, random, owned,
                    closeTimeoutMs);
            for (Credential auth : auths) {
                core.addAuth(auth.scheme(), auth.auth(), true);
            }
            core.start();
            return new WardenClient(core);
        }
    }
}
