package io.warden.transport.peer;

import java.net.InetSocketAddress;

import io.warden.zab.PeerMessage;

/** The two ports of a server: votes travel to its election port, everything else to its quorum port. */
enum PortKind {
    QUORUM("quorum"), ELECTION("election");

    private final String label;

    PortKind(String label) {
        this.label = label;
    }

    /** The port that carries {@code message}. */
    static PortKind of(PeerMessage message) {
        return message instanceof PeerMessage.Vote ? ELECTION : QUORUM;
    }

    InetSocketAddress address(PeerNetwork.Member member) {
        return this == QUORUM ? member.quorumAddress() : member.electionAddress();
    }

    @Override
    public String toString() {
        return label;
    }
}
