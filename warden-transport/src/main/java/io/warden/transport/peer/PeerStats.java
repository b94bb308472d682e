package io.warden.transport.peer;

/**
 * What a {@link PeerNetwork} did for one peer so far, both of its connections together.
 *
 * @param sent     messages written to the peer's socket
 * @param dropped  messages not sent: the peer was not connected, the connection was over its
 *                 budget or went away before the write, or the message was too long
 * @param connects connections to the peer established (a redial counts again)
 */
public record PeerStats(long sent, long dropped, long connects) {
}
