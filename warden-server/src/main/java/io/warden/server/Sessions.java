package io.warden.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.warden.common.SessionIds;
import io.warden.tree.DataTree;

/**
 * The live sessions as one server tracks them: their deadlines and attached connections. Which
 * sessions exist is replicated state in the tree; this table follows it, hands out new session
 * ids and finds the sessions whose deadline has passed, through {@link ExpiryBuckets} so that
 * a tick costs only the sessions that expire.
 */
final class Sessions {
    private final Map<Long, Session> byId = new HashMap<>();
    private final ExpiryBuckets expiry;
    private final DataTree tree;
    private long nextId;

    /**
     * The tree's sessions, alive from {@code nowMs} on: they expire unless their clients return in
     * time. Deadlines are rounded up to multiples of {@code expiryIntervalMs} (ZooKeeper's tick).
     */
    Sessions(DataTree tree, long serverId, long expiryIntervalMs, long nowMs) {
        this.tree = tree;
        this.expiry = new ExpiryBuckets(expiryIntervalMs, nowMs);
        this.nextId = SessionIds.firstId(serverId, nowMs);
        for (Map.Entry<Long, Integer> session : tree.sessions().entrySet()) {
            add(new Session(session.getKey(), session.getValue(), 0), nowMs);
        }
    }

    Session get(long sessionId) {
        return byId.get(sessionId);
    }

    /** Adds a session heard from at {@code nowMs}. */
    void add(Session session, long nowMs) {
        byId.put(session.id, session);
        touch(session, nowMs);
    }

    Session remove(long sessionId) {
        Session session = byId.remove(sessionId);
        if (session != null) {
            expiry.remove(session);
        }
        return session;
    }

    /** The session was heard from: it has its full timeout again from {@code nowMs}, unless it is closing. */
    void touch(Session session, long nowMs) {
        if (!session.closing) {
            expiry.touch(session, nowMs);
        }
    }

    Collection<Session> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    int size() {
        return byId.size();
    }

    /** A session id no live or replicated session has, never 0 nor the container marker. */
    long newId() {
        long id;
        do {
            id = nextId++;
        } while (id == 0 || id == SessionIds.CONTAINER_MARKER || byId.containsKey(id)
                || tree.sessions().containsKey(id));
        return id;
    }

    /** Gives every session its full timeout again from {@code nowMs}. */
    void touchAll(long nowMs) {
        for (Session session : byId.values()) {
            touch(session, nowMs);
        }
    }

    /**
     * The sessions whose deadline passed by {@code nowMs} and that are not closing yet, now marked
     * closing: each must be closed by a transaction.
     */
    List<Session> expire(long nowMs) {
        List<Session> expired = new ArrayList<>();
        for (Session session : expiry.takeDue(nowMs)) {
            if (!session.closing) {
                session.closing = true;
                expired.add(session);
            }
        }
        return expired;
    }
}
