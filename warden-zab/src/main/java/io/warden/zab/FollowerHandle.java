package io.warden.zab;

/** The leader's record of one follower or observer on its current link. */
final class FollowerHandle {
    enum Stage {
        /** FollowerInfo received; the epoch is not offered yet. */
        INFO,
        /** LeaderInfo sent. */
        EPOCH_OFFERED,
        /** AckEpoch received; synchronisation is under way (NewLeader sent). */
        SYNCING,
        /** AckNewLeader received: the follower holds the leader's history and counts for quorums. */
        SYNCED
    }

    final long id;
    /** The id the follower opened the link with; it may still use it until it hears the epoch. */
    final long firstLink;
    /** The link's id: the follower's, until the leader renames it when offering its epoch. */
    long link;
    final boolean voter;
    final LinkSequence sequence = new LinkSequence(0, 1);
    Stage stage = Stage.INFO;
    long lastZxid;
    /** The follower holds the leader's history durably up to here. */
    long ackedZxid = -1;
    int lastHeardTick;

    FollowerHandle(long id, long link, boolean voter, int nowTick) {
        this.id = id;
        this.firstLink = link;
        this.link = link;
        this.voter = voter;
        this.lastHeardTick = nowTick;
    }

    boolean receivesBroadcast() {
        return stage == Stage.SYNCING || stage == Stage.SYNCED;
    }
}
