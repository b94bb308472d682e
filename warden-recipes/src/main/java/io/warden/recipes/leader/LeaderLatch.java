package io.warden.recipes.leader;

import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.ConnectionStateListener;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WatchEvent;
import io.warden.client.Watcher;
import io.warden.common.ZnodePaths;
import io.warden.recipes.GuaranteedDelete;
import io.warden.recipes.ProtectedCreate;
import io.warden.recipes.SequenceOrder;
import io.warden.recipes.SerialWorker;
import io.warden.wire.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election among the participants sharing a path: each holds an ephemeral sequential node
 * ({@code _c_<uuid>-latch-<sequence>}, the layout of Curator's {@code LeaderLatch}) and the first in
 * sequence order leads until its node goes. Each waiter watches only the node before it.
 *
 * <p>Leadership is given up at once when the connection is {@code SUSPENDED}: a leader cut off
 * from the ensemble cannot know whether its node still exists, so it must stop acting as leader.
 * After {@code RECONNECTED} the latch checks again and, if its node is still first, leads again;
 * after a new session it joins again at the back. {@link #fencingToken()} (the zxid that created
 * the leader's node) lets the resources a leader writes to refuse an older leader.
 */
public final class LeaderLatch implements AutoCloseable {
    static final String LATCH_NAME = "latch-";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLatch.class);
    private static final AtomicInteger LATCHES = new AtomicInteger();

    private final WardenClient client;
    private final String path;
    private final String participantId;
    private final SerialWorker worker;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final Watcher watcher = this::onEvent;
    private final ConnectionStateListener stateListener = this::onStateChange;
    private volatile Created ourNode;
    /** Whether this participant leads now; cleared at once (on the event thread) when the connection is in doubt. */
    private volatile boolean leader;
    /** What the listeners were last told; worker thread only. */
    private boolean reportedLeader;
    private volatile boolean closed;
    private boolean started;

    public LeaderLatch(WardenClient client, String path, String participantId) {
        String problem = ZnodePaths.problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid latch path " + path + ": " + problem);
        }
        this.client = client;
        this.path = path;
        this.participantId = participantId;
        this.worker = new SerialWorker("warden-leader-latch-" + LATCHES.incrementAndGet());
    }

    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    /** Joins the election. */
    public synchronized LeaderLatch start() {
        if (started) {
            throw new IllegalStateException("the latch on " + path + " is already started");
        }
        started = true;
        client.addConnectionStateListener(stateListener);
        worker.ask(this::check);
        return this;
    }

    public boolean hasLeadership() {
        return leader && !closed;
    }

    /** Waits until this participant leads; false after {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        if (!hasLeadership() && client.isEventThread()) {
            throw new IllegalStateException("LeaderLatch.await cannot wait on the client's event thread: the events"
                    + " that make this participant leader would queue behind it");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!hasLeadership()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            return true;
        }
    }

    /**
     * The zxid that created this participant's node: larger for every later leader.
     *
     * @throws IllegalStateException when this participant is not the leader
     */
    public long fencingToken() {
        Created node = ourNode;
        if (!hasLeadership() || node == null) {
            throw new IllegalStateException("not the leader of " + path);
        }
        return node.stat().czxid();
    }

    /** The participant id of the current leader, or null when there is none. */
    public String leaderId() throws InterruptedException {
        BlockingClient blocking = client.blocking();
        for (String name : sortedNodes(blocking)) {
            try {
                NodeData node = blocking.getData(ZnodePaths.child(path, name));
                return node.data() == null ? "" : new String(node.data(), StandardCharsets.UTF_8);
            } catch (WardenException e) {
                if (e.code() != ErrorCode.NONODE) {
                    throw e;
                }
            }
        }
        return null;
    }

    public String participantId() {
        return participantId;
    }

    /** Leaves the election (deleting this participant's node); a leader stops leading first. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        client.removeConnectionStateListener(stateListener);
        worker.close();
        setLeader(false);
        Created node = ourNode;
        if (node != null) {
            try {
                ProtectedCreate.deleteOwn(client, node.path());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onStateChange(ConnectionState state, long sessionId) {
        if (!state.isConnected()) {
            // At once, not behind the worker: a leader that may have lost its node stops now.
            revoke();
            worker.submit(() -> setLeader(false));
        } else {
            worker.ask(this::check);
        }
    }

    private synchronized void revoke() {
        leader = false;
        notifyAll();
    }

    private void onEvent(WatchEvent event) {
        worker.ask(this::check);
    }

    /** Makes sure our node exists, then leads if it is first, else watches the node before it. */
    private void check() throws InterruptedException {
        if (closed) {
            return;
        }
        BlockingClient blocking = client.blocking();
        try {
            List<String> sorted = sortedNodes(blocking);
            Created node = ourNode;
            boolean ours = node != null && sorted.contains(ZnodePaths.name(node.path()))
                    && node.stat().ephemeralOwner() == client.sessionId();
            if (!ours) {
                setLeader(false);
                if (node != null) {
                    // A node of an earlier session (which may outlive it on the server for a while): not ours.
                    GuaranteedDelete.delete(client, node.path());
                }
                ourNode = ProtectedCreate.create(client, path, LATCH_NAME,
                        participantId.getBytes(StandardCharsets.UTF_8), CreateMode.EPHEMERAL_SEQUENTIAL);
                worker.ask(this::check);
                return;
            }
            int index = sorted.indexOf(ZnodePaths.name(node.path()));
            if (index == 0) {
                setLeader(true);
                return;
            }
            setLeader(false);
            if (blocking.exists(ZnodePaths.child(path, sorted.get(index - 1)), watcher) == null) {
                worker.ask(this::check);
            }
        } catch (WardenException e) {
            LOG.debug("checking the election at {} failed: {}; checking again at the next event", path,
                    e.toString());
        }
    }

    private List<String> sortedNodes(BlockingClient blocking) throws InterruptedException {
        try {
            return SequenceOrder.sort(blocking.getChildren(path).names(), LATCH_NAME);
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return List.of();
            }
            throw e;
        }
    }

    /** Sets leadership (worker thread) and tells the listeners of a change. Never leads while disconnected. */
    private void setLeader(boolean now) {
        boolean leads;
        synchronized (this) {
            leader = now && !closed && client.isConnected();
            leads = leader;
            notifyAll();
        }
        if (reportedLeader == leads) {
            return;
        }
        reportedLeader = leads;
        for (LeadershipListener listener : listeners) {
            try {
                if (leads) {
                    listener.isLeader();
                } else {
                    listener.notLeader();
                }
            } catch (RuntimeException e) {
                LOG.error("leadership listener {} threw", listener, e);
            }
        }
    }
}
