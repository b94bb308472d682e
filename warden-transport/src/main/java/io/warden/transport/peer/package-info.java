/**
 * The peer transport of an ensemble: how the servers carry {@link io.warden.zab.PeerMessage}s to
 * each other over TCP. {@link io.warden.transport.peer.PeerCodec} is the binary format of one
 * message; {@link io.warden.transport.peer.PeerNetwork} holds one server's connections to the
 * others. Each server dials every other server, twice (votes go to the election port, everything
 * else to the quorum port), writes only on what it dialled and reads only on what it accepted.
 * The consensus core tolerates lost, repeated and reordered messages, so the transport drops a
 * message rather than wait (the peer is down, or does not take what it was sent), but it never
 * reorders the messages of one connection and never blocks its caller.
 */
package io.warden.transport.peer;
