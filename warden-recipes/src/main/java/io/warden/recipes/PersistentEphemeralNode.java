package io.warden.recipes;

import io.warden.client.ConnectionState;
import io.warden.client.ConnectionStateListener;
import io.warden.client.CreateMode;
import io.warden.client.EventType;
import io.warden.client.Op;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WatchEvent;
import io.warden.client.Watcher;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ephemeral node that stays: created at start, created again whenever it disappears (a new
 * session after the old one was lost or expired, or someone deleting it), and deleted at close. A
 * node already at the path that belongs to another session (for example this client's lost session
 * not yet expired on the server) is waited out. Missing parents are created as containers.
 */
public final class PersistentEphemeralNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentEphemeralNode.class);

    private final WardenClient client;
    private final String path;
    private final Watcher watcher = this::onEvent;
    private final ConnectionStateListener stateListener = this::onStateChange;
    private final CompletableFuture<Void> firstCreated = new CompletableFuture<>();
    private byte[] data;
    private boolean started;
    private boolean closed;
    private boolean busy;
    private boolean again;

    public PersistentEphemeralNode(WardenClient client, String path, byte[] data) {
        String problem = ZnodePaths.problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid path " + path + ": " + problem);
        }
        this.client = client;
        this.path = path;
        this.data = data == null ? null : data.clone();
    }

    public synchronized PersistentEphemeralNode start() {
        if (started) {
            throw new IllegalStateException(path + " is already started");
        }
        started = true;
        client.addConnectionStateListener(stateListener);
        ensure();
        return this;
    }

    public String path() {
        return path;
    }

    /** Completes when the node has been created for the first time. */
    public CompletableFuture<Void> created() {
        return firstCreated;
    }

    /** Waits for the first creation; false when it takes longer than {@code timeout}. */
    public boolean awaitCreated(Duration timeout) throws InterruptedException {
        return Waits.awaitStart(client, firstCreated, timeout, "awaiting " + path, "could not create " + path);
    }

    /** Changes the node's data now and for every later re-creation. */
    public synchronized CompletableFuture<Void> setData(byte[] newData) {
        this.data = newData == null ? null : newData.clone();
        return client.setData(path, data, -1).handle((stat, failure) -> {
            if (failure != null && !WardenException.hasCode(failure, ErrorCode.NONODE)) {
                LOG.debug("updating {} failed: {}; the next re-creation carries the data", path, failure.toString());
            }
            return null;
        });
    }

    /** Stops re-creating the node and deletes it. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            client.removeConnectionStateListener(stateListener);
        }
        if (!started) {
            return;
        }
        try {
            Stat stat = client.blocking().exists(path);
            if (stat != null && stat.ephemeralOwner() == client.sessionId()) {
                client.blocking().delete(path, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("interrupted while deleting {} at close; it goes when the session ends", path);
        } catch (WardenException e) {
            // Not deleted blindly later: without knowing its owner, the node at this path may be another
            // process's. Ours goes with this client's session.
            LOG.info("deleting {} at close failed ({}); it goes when the session ends", path, e.code());
        }
    }

    private void onStateChange(ConnectionState state, long sessionId) {
        if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
            ensure();
        }
    }

    private void onEvent(WatchEvent event) {
        if (event.type() == EventType.NODE_DELETED) {
            ensure();
        } else {
            watchForDeletion();
        }
    }

    /** Creates the node unless this session already has it; one attempt at a time. */
    private synchronized void ensure() {
        if (closed) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        again = false;
        client.create(Op.create(path, data, CreateMode.EPHEMERAL)).whenComplete((created, failure) -> {
            if (failure == null) {
                firstCreated.complete(null);
                watchForDeletion();
                done(false);
            } else if (WardenException.hasCode(failure, ErrorCode.NONODE)) {
                client.ensureContainers(ZnodePaths.parent(path)).whenComplete((ignored, parentFailure) -> done(true));
            } else if (WardenException.hasCode(failure, ErrorCode.NODEEXISTS)) {
                adoptOrWait();
            } else {
                LOG.debug("creating {} failed: {}; trying again at the next connection", path, failure.toString());
                done(false);
            }
        });
    }

    /** The node exists: ours (a create whose reply was lost) is adopted; another session's is waited out. */
    private void adoptOrWait() {
        client.exists(path, watcher).whenComplete((stat, failure) -> {
            if (failure != null || stat == null) {
                done(stat == null && failure == null);
                return;
            }
            if (stat.ephemeralOwner() == client.sessionId()) {
                firstCreated.complete(null);
                client.getData(path).thenAccept(node -> {
                    // The data wanted now, not when the read was sent; written only over what was read.
                    byte[] wanted = currentData();
                    if (!Arrays.equals(node.data(), wanted)) {
                        client.setData(path, wanted, node.stat().version());
                    }
                });
            } else {
                LOG.info("{} belongs to session 0x{}; waiting for it to go", path,
                        Long.toHexString(stat.ephemeralOwner()));
            }
            done(false);
        });
    }

    private synchronized byte[] currentData() {
        return data;
    }

    private void watchForDeletion() {
        client.exists(path, watcher).whenComplete((stat, failure) -> {
            if (failure == null && stat == null) {
                ensure();
            }
        });
    }

    private synchronized void done(boolean retry) {
        busy = false;
        if (retry || again) {
            ensure();
        }
    }
}
