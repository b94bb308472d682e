package io.warden.client;

import io.warden.wire.Acl;
import io.warden.wire.Stat;
import io.warden.wire.proto.ClientInfo;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link WardenClient} with calls that wait for their result and throw {@link WardenException}
 * on failure. Safe to call from any thread, watchers and listeners included: results are handed
 * over on the I/O thread, not the event thread. See {@link WardenClient} for what each call does.
 */
public final class BlockingClient {
    private final ClientCore core;
    private final Operations operations;
    private final WardenClient async;

    BlockingClient(ClientCore core, WardenClient async) {
        this.core = core;
        this.operations = core.operations();
        this.async = async;
    }

    /** The asynchronous client this facade belongs to. */
    public WardenClient async() {
        return async;
    }

    /**
     * Waits until the client is connected; false if it is not within the timeout. From any thread
     * but the event thread it returns after the listeners were told of the connection; on the event
     * thread (a watcher or a listener waiting for a reconnect) it learns of it from the I/O thread.
     */
    public boolean awaitConnected(long timeout, TimeUnit unit) throws InterruptedException {
        refuseOnTheLoop();
        boolean onEventThread = async.isEventThread();
        CompletableFuture<Void> connected = onEventThread ? core.driver().connectionWaiter() : async.whenConnected();
        try {
            connected.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            if (onEventThread) {
                core.driver().forgetConnectionWaiter(connected);
            } else {
                connected.cancel(false);
            }
            return false;
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    public String create(String path, byte[] data, CreateMode mode) throws InterruptedException {
        return create(Op.create(path, data, mode)).path();
    }

    public String create(String path, byte[] data, List<Acl> acl, CreateMode mode) throws InterruptedException {
        return create(Op.create(path, data, acl, mode)).path();
    }

    public Created create(Op.Create op) throws InterruptedException {
        return await(core.call(operations.create(op), true));
    }

    public void ensurePath(String path) throws InterruptedException {
        await(core.ensurePath(path, CreateMode.PERSISTENT, true));
    }

    public void ensureContainers(String path) throws InterruptedException {
        await(core.ensurePath(path, CreateMode.CONTAINER, true));
    }

    public void delete(String path, int version) throws InterruptedException {
        await(core.call(operations.delete(path, version), true));
    }

    public void delete(String path) throws InterruptedException {
        delete(path, -1);
    }

    public void deleteAll(String path) throws InterruptedException {
        await(core.deleteAll(path, true));
    }

    /** The node's Stat, or null when it does not exist. */
    public Stat exists(String path) throws InterruptedException {
        return await(core.call(operations.exists(path, null), true));
    }

    public Stat exists(String path, Watcher watcher) throws InterruptedException {
        return await(core.call(operations.exists(path, Objects.requireNonNull(watcher, "watcher")), true));
    }

    public NodeData getData(String path) throws InterruptedException {
        return await(core.call(operations.getData(path, null), true));
    }

    public NodeData getData(String path, Watcher watcher) throws InterruptedException {
        return await(core.call(operations.getData(path, Objects.requireNonNull(watcher, "watcher")), true));
    }

    public Stat setData(String path, byte[] data, int version) throws InterruptedException {
        return await(core.call(operations.setData(path, data, version), true));
    }

    public NodeAcl getAcl(String path) throws InterruptedException {
        return await(core.call(operations.getAcl(path), true));
    }

    public Stat setAcl(String path, List<Acl> acl, int aclVersion) throws InterruptedException {
        return await(core.call(operations.setAcl(path, acl, aclVersion), true));
    }

    public Children getChildren(String path) throws InterruptedException {
        return await(core.call(operations.getChildren(path, null), true));
    }

    public Children getChildren(String path, Watcher watcher) throws InterruptedException {
        return await(core.call(operations.getChildren(path, Objects.requireNonNull(watcher, "watcher")), true));
    }

    public void sync(String path) throws InterruptedException {
        await(core.call(operations.sync(path), true));
    }

    public List<OpResult> multi(List<Op> ops) throws InterruptedException {
        WardenClient.requireKind(ops, false);
        return ops.isEmpty() ? List.of() : await(core.call(operations.multi(ops), true));
    }

    public List<OpResult> multiRead(List<Op> ops) throws InterruptedException {
        WardenClient.requireKind(ops, true);
        return ops.isEmpty() ? List.of() : await(core.call(operations.multi(ops), true));
    }

    public int getAllChildrenNumber(String path) throws InterruptedException {
        return await(core.call(operations.getAllChildrenNumber(path), true));
    }

    public List<String> getEphemerals(String prefix) throws InterruptedException {
        return await(core.call(operations.getEphemerals(prefix), true));
    }

    public List<String> getEphemerals() throws InterruptedException {
        return getEphemerals("/");
    }

    public void addWatch(String path, Watcher watcher, AddWatchMode mode) throws InterruptedException {
        await(core.call(operations.addWatch(path, watcher, Objects.requireNonNull(mode, "mode")), true));
    }

    public void removeWatches(String path, Watcher watcher, WatcherType type, boolean local)
            throws InterruptedException {
        await(core.call(operations.removeWatches(path, watcher, Objects.requireNonNull(type, "type"), local), true));
    }

    public void removeAllWatches(String path, WatcherType type, boolean local) throws InterruptedException {
        await(core.call(operations.removeAllWatches(path, Objects.requireNonNull(type, "type"), local), true));
    }

    public void addAuth(String scheme, byte[] auth) throws InterruptedException {
        await(core.addAuth(Objects.requireNonNull(scheme, "scheme"), auth, true));
    }

    public List<ClientInfo> whoAmI() throws InterruptedException {
        return await(core.call(operations.whoAmI(), true));
    }

    /** A Warden extension; see {@link WardenClient#transferLeadership}. */
    public void transferLeadership(long serverId) throws InterruptedException {
        await(core.call(operations.transferLeadership(serverId), true));
    }

    public NodeData getConfig(Watcher watcherOrNull) throws InterruptedException {
        return await(core.call(operations.getConfig(watcherOrNull), true));
    }

    public NodeData reconfig(String joiningServers, String leavingServers, String newMembers, long fromConfigId)
            throws InterruptedException {
        return await(core.call(operations.reconfig(joiningServers, leavingServers, newMembers, fromConfigId), true));
    }

    private <T> T await(CompletableFuture<T> future) throws InterruptedException {
        refuseOnTheLoop();
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** The client's own I/O thread (of a shared event loop group) would wait for itself. */
    private void refuseOnTheLoop() {
        if (core.driver().inEventLoop()) {
            throw new IllegalStateException("a blocking call on the client's own I/O thread would wait for itself;"
                    + " use the asynchronous API there");
        }
    }

    private static RuntimeException rethrow(ExecutionException e) {
        WardenException warden = WardenException.unwrap(e);
        if (warden != null) {
            return warden.forCaller();
        }
        Throwable cause = ClientCore.rethrown(e).getCause();
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
