package io.warden.it;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/** {@code sync} through the official client, which offers it only as a callback, made a call that throws. */
final class ClientSync {
    private ClientSync() {
    }

    /**
     * Syncs {@code /} and waits for the answer (at most {@link TestClient#WAIT}); an error code, a
     * lost connection among them, is thrown as its {@link KeeperException}, no answer in time as
     * OPERATIONTIMEOUT.
     */
    static void sync(ZooKeeper zk) throws KeeperException, InterruptedException {
        CompletableFuture<Integer> synced = new CompletableFuture<>();
        zk.sync("/", (rc, path, ctx) -> synced.complete(rc), null);
        int rc;
        try {
            rc = synced.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw KeeperException.create(KeeperException.Code.OPERATIONTIMEOUT);
        }
        if (rc != 0) {
            throw KeeperException.create(KeeperException.Code.get(rc));
        }
    }
}
