package io.warden.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Zxid;
import io.warden.server.ServerOutput;
import io.warden.transport.ClientPort;

/**
 * Carries out what the server core asks for its clients: sends and closes go to the client port,
 * failures and warnings to the log. Proposals are the caller's business (a standalone server logs
 * them itself, an ensemble member hands them to the consensus core).
 */
final class ClientOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(ClientOutputs.class);

    private ClientOutputs() {
    }

    static void carryOut(ServerOutput output, ClientPort port) {
        if (output instanceof ServerOutput.ToConnection toConnection) {
            port.send(toConnection.connId(), toConnection);
        } else if (output instanceof ServerOutput.RequestFailed failed) {
            LOG.error("closing connection {}: handling its request {} failed", failed.connId(), failed.request(),
                    failed.error());
        } else if (output instanceof ServerOutput.Warning warning) {
            LOG.warn(warning.message());
        } else if (output instanceof ServerOutput.ApplyFailed failed) {
            LOG.error("transaction {} could not be applied; it was undone and failed with MARSHALLINGERROR,"
                    + " as on every replica: {}", Zxid.toHex(failed.zxid()), failed.txn(), failed.error());
        } else {
            throw new IllegalArgumentException("no handling for output " + output);
        }
    }
}
