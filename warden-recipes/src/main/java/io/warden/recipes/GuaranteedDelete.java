package io.warden.recipes;

import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a node even when the connection is down: the delete is tried again at every connection
 * until the node is gone (or the client is closed). Recipes use it for the nodes they must not
 * leave behind (a lock node after release, a contender that gave up): a node left in place would
 * block everyone else for the rest of its session. Deleting another session's ephemeral node is
 * allowed, so this also clears a node of this client's previous, lost session.
 */
public final class GuaranteedDelete {
    private static final Logger LOG = LoggerFactory.getLogger(GuaranteedDelete.class);

    private GuaranteedDelete() {
    }

    /** Starts deleting {@code path}; the future completes when it is gone or the client closed. */
    public static CompletableFuture<Void> delete(WardenClient client, String path) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(client, path, done);
        return done;
    }

    private static void attempt(WardenClient client, String path, CompletableFuture<Void> done) {
        client.delete(path, -1).whenComplete((ignored, failure) -> {
            if (failure == null || WardenException.hasCode(failure, ErrorCode.NONODE)) {
                done.complete(null);
                return;
            }
            ConnectionState state = client.state();
            WardenException warden = WardenException.unwrap(failure);
            boolean uncertain = warden != null && (warden.code() == ErrorCode.CONNECTIONLOSS
                    || warden.code() == ErrorCode.REQUESTTIMEOUT || warden.code() == ErrorCode.SESSIONEXPIRED
                    || warden.code() == ErrorCode.THROTTLEDOP);
            if (!uncertain || (state != null && state.isTerminal())) {
                LOG.warn("could not delete {}: {}", path, failure.toString());
                done.complete(null);
                return;
            }
            LOG.debug("deleting {} failed ({}); trying again at the next connection", path, warden.code());
            client.whenConnected().whenComplete((connected, closed) -> {
                if (closed == null) {
                    attempt(client, path, done);
                } else {
                    done.complete(null);
                }
            });
        });
    }
}
