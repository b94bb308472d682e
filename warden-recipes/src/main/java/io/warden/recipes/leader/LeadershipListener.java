package io.warden.recipes.leader;

/** Told when a {@link LeaderLatch} gains and loses leadership, on the latch's own thread, in order. */
public interface LeadershipListener {
    /** This participant is now the leader. */
    void isLeader();

    /**
     * This participant is no longer the leader: another one is, or the connection is in doubt
     * ({@code SUSPENDED}) or the session ended. Stop acting as leader now.
     */
    void notLeader();
}
