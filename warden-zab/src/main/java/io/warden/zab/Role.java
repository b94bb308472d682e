package io.warden.zab;

/** What a server does in one of its states; the core swaps roles as elections come and go. */
interface Role {
    ServerState state();

    /** The leader this role follows or is; 0 while looking. */
    long leaderId();

    void start();

    void tick();

    void receive(long from, PeerMessage message);

    void propose(ZabInput.Propose proposal);

    /** See {@link ZabInput.SnapshotArriving}. */
    default void snapshotArriving(long from, long link) {
    }

    /** The host lost its connection from {@code peer}; see {@link ZabInput.PeerLost}. */
    default void peerLost(long peer) {
    }

    /** Called when the role is replaced; anything it registered must stop acting. */
    void stop();
}
