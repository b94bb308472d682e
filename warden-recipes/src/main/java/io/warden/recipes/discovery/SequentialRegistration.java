package io.warden.recipes.discovery;

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
import io.warden.recipes.SequenceOrder;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServiceType#DYNAMIC_SEQUENTIAL} instance: an ephemeral sequential node
 * {@code <id><sequence>}, made again in every new session and whenever it disappears. Before each
 * creation the service's children are searched for a node of this id that the current session owns
 * (the node of a create whose reply was lost, which is then kept) or that the previous session owned
 * (which is deleted at once rather than left until that session expires). All work after
 * {@link #start} happens on the client's event thread.
 */
final class SequentialRegistration implements Registration {
    private static final Logger LOG = LoggerFactory.getLogger(SequentialRegistration.class);

    private final WardenClient client;
    private final String parent;
    private final String prefix;
    private final long timeoutMs;
    private final Watcher watcher = this::onEvent;
    private final ConnectionStateListener stateListener = this::onStateChange;
    private final CompletableFuture<Void> firstCreated = new CompletableFuture<>();
    private byte[] data;
    private String path;
    private long ownerSessionId;
    private boolean closed;
    private boolean busy;
    private boolean again;

    private SequentialRegistration(WardenClient client, String idPath, byte[] data, long timeoutMs) {
        this.client = client;
        this.parent = ZnodePaths.parent(idPath);
        this.prefix = ZnodePaths.name(idPath);
        this.data = data.clone();
        this.timeoutMs = timeoutMs;
    }

    /** Starts keeping the node of {@code idPath} plus a sequence number; waits until it exists. */
    static SequentialRegistration start(WardenClient client, String idPath, byte[] data, long timeoutMs)
            throws InterruptedException {
        SequentialRegistration registration = new SequentialRegistration(client, idPath, data, timeoutMs);
        client.addConnectionStateListener(registration.stateListener);
        registration.ensure();
        try {
            registration.firstCreated.get(timeoutMs, TimeUnit.MILLISECONDS);
            return registration;
        } catch (TimeoutException | ExecutionException e) {
            registration.close(true);
            throw new IllegalStateException("the instance node " + idPath + "<sequence> was not created within "
                    + timeoutMs + " ms", e);
        }
    }

    /** The node as last created or found, or null. */
    synchronized String path() {
        return path;
    }

    @Override
    public void update(byte[] newData) throws InterruptedException {
        String current;
        synchronized (this) {
            this.data = newData.clone();
            current = path;
        }
        if (current == null) {
            return;
        }
        try {
            client.setData(current, newData, -1).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("updating {} failed: {}; the next re-creation carries the data", current, e.toString());
        }
    }

    @Override
    public void close(boolean unregister) throws InterruptedException {
        String current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = path;
        }
        client.removeConnectionStateListener(stateListener);
        if (current != null) {
            deleteIfOwn(current);
        }
    }

    private void deleteIfOwn(String node) throws InterruptedException {
        try {
            Stat stat = client.blocking().exists(node);
            if (stat != null && stat.ephemeralOwner() == client.sessionId()) {
                client.blocking().delete(node, -1);
            }
        } catch (WardenException e) {
            LOG.debug("deleting {} failed: {}", node, e.toString());
        }
    }

    // ---- event thread -------------------------------------------------------------------------

    private void onStateChange(ConnectionState state, long sessionId) {
        if (state.isConnected()) {
            ensure();
        }
    }

    private void onEvent(WatchEvent event) {
        if (event.type() == EventType.NODE_DELETED) {
            ensure();
        } else if (event.path() != null && event.path().equals(path())) {
            watch(event.path());
        }
    }

    /** Finds this session's node, or creates one; one attempt at a time. */
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
        client.getChildren(parent).whenComplete((children, failure) -> {
            if (failure == null) {
                inspect(children.names());
            } else if (WardenException.hasCode(failure, ErrorCode.NONODE)) {
                create();
            } else {
                LOG.debug("listing {} failed: {}; trying again at the next connection", parent, failure.toString());
                done(false);
            }
        });
    }

    /** Looks at the nodes of this id: keeps this session's, deletes the previous session's. */
    private void inspect(List<String> names) {
        List<String> mine = new ArrayList<>();
        for (String name : names) {
            if (SequenceOrder.isSequential(name, prefix)) {
                mine.add(ZnodePaths.child(parent, name));
            }
        }
        if (mine.isEmpty()) {
            create();
            return;
        }
        List<CompletableFuture<Stat>> stats = new ArrayList<>();
        for (String node : mine) {
            stats.add(client.exists(node).exceptionally(failure -> null));
        }
        CompletableFuture.allOf(stats.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            long session = client.sessionId();
            long previous = previousOwner();
            String kept = null;
            for (int i = 0; i < mine.size(); i++) {
                Stat stat = stats.get(i).join();
                if (stat == null) {
                    continue;
                }
                if (stat.ephemeralOwner() == session && kept == null) {
                    kept = mine.get(i);
                } else if (stat.ephemeralOwner() == session
                        || (stat.ephemeralOwner() == previous && previous != 0 && previous != session)) {
                    client.delete(mine.get(i), -1).exceptionally(deleteFailure -> null);
                }
            }
            if (kept == null) {
                create();
            } else {
                adopt(kept, session);
            }
        });
    }

    private void create() {
        client.create(Op.create(ZnodePaths.child(parent, prefix), currentData(), CreateMode.EPHEMERAL_SEQUENTIAL))
                .whenComplete((created, failure) -> {
                    if (failure == null) {
                        made(created.path(), created.stat().ephemeralOwner());
                        done(false);
                    } else if (WardenException.hasCode(failure, ErrorCode.NONODE)) {
                        client.ensureContainers(parent).whenComplete((ignored, parentFailure) ->
                                done(parentFailure == null));
                    } else {
                        LOG.debug("creating {}<sequence> failed: {}; looking again at the next connection",
                                ZnodePaths.child(parent, prefix), failure.toString());
                        done(false);
                    }
                });
    }

    /** This session's node exists already: it is kept, with the current data. */
    private void adopt(String node, long session) {
        made(node, session);
        client.getData(node).thenAccept(read -> {
            // The data wanted now, not when the read was sent; written only over what was read.
            byte[] wanted = currentData();
            if (!Arrays.equals(read.data(), wanted)) {
                client.setData(node, wanted, read.stat().version());
            }
        });
        done(false);
    }

    private void made(String node, long owner) {
        boolean deleteIt;
        synchronized (this) {
            deleteIt = closed;
            if (!closed) {
                path = node;
                ownerSessionId = owner;
            }
        }
        if (deleteIt) {
            client.delete(node, -1).exceptionally(failure -> null);
            return;
        }
        firstCreated.complete(null);
        watch(node);
    }

    private void watch(String node) {
        client.exists(node, watcher).whenComplete((stat, failure) -> {
            if (failure == null && stat == null) {
                ensure();
            }
        });
    }

    private synchronized byte[] currentData() {
        return data;
    }

    private synchronized long previousOwner() {
        return ownerSessionId;
    }

    private synchronized void done(boolean retry) {
        busy = false;
        if (retry || again) {
            ensure();
        }
    }
}
