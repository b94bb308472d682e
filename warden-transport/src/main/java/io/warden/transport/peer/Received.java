package io.warden.transport.peer;

import io.warden.zab.PeerMessage;

/** A message read from an accepted connection, with the id its dialler gave in its hello. */
record Received(long from, PeerMessage message) {
}
