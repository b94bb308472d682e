package io.warden.recipes.discovery;

import io.warden.client.WardenClient;
import io.warden.recipes.PersistentEphemeralNode;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServiceType#DYNAMIC} instance: a {@link PersistentEphemeralNode}, created again in every
 * new session and whenever someone deletes it. A node of another session at the same path (this
 * process's own before a restart, not yet expired) is waited out, up to the registration timeout.
 */
final class EphemeralRegistration implements Registration {
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralRegistration.class);

    private final PersistentEphemeralNode node;
    private final long timeoutMs;

    private EphemeralRegistration(PersistentEphemeralNode node, long timeoutMs) {
        this.node = node;
        this.timeoutMs = timeoutMs;
    }

    static EphemeralRegistration start(WardenClient client, String path, byte[] data, long timeoutMs)
            throws InterruptedException {
        PersistentEphemeralNode node = new PersistentEphemeralNode(client, path, data).start();
        if (!node.awaitCreated(Duration.ofMillis(timeoutMs))) {
            node.close();
            throw new IllegalStateException("the instance node " + path + " was not created within " + timeoutMs
                    + " ms (is another session's node there?)");
        }
        return new EphemeralRegistration(node, timeoutMs);
    }

    /** Writes the data now when connected (waiting at most the timeout); every re-creation carries it. */
    @Override
    public void update(byte[] data) throws InterruptedException {
        try {
            node.setData(data).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("updating {} is taking longer than {} ms; the next re-creation carries the data", node.path(),
                    timeoutMs);
        } catch (ExecutionException e) {
            LOG.debug("updating {} failed: {}", node.path(), e.getCause().toString());
        }
    }

    @Override
    public void close(boolean unregister) {
        node.close();
    }
}
