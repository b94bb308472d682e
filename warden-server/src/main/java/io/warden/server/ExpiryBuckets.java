package io.warden.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live sessions grouped by when they expire, the idea of ZooKeeper's expiry queue: a session's
 * deadline is rounded up to the next multiple of the interval (ZooKeeper's tick), so a session
 * heard from again within the same interval stays where it is, and a tick looks only at the
 * buckets that came due instead of at every session. A million sessions cost nothing per tick,
 * and a touch is a comparison, or unlinking and linking one list entry; nothing is allocated
 * per touch but a bucket when the first session enters it.
 *
 * <p>A bucket is a doubly linked list threaded through the sessions themselves
 * ({@link Session#previousInBucket}, {@link Session#nextInBucket}).
 */
final class ExpiryBuckets {
    private final long intervalMs;
    private final Map<Long, Bucket> byDeadline = new HashMap<>();
    /** The earliest deadline not yet expired: every bucket left has a deadline at or after it. */
    private long nextDueMs;

    ExpiryBuckets(long intervalMs, long nowMs) {
        this.intervalMs = Math.max(1, intervalMs);
        this.nextDueMs = roundUp(nowMs);
    }

    /** The deadline a session heard from at {@code nowMs} gets: a multiple of the interval, later than now plus its timeout. */
    long deadlineFor(long nowMs, int timeoutMs) {
        return Math.max(nextDueMs, roundUp(nowMs + timeoutMs));
    }

    private long roundUp(long ms) {
        return Math.floorDiv(ms, intervalMs) * intervalMs + intervalMs;
    }

    /** Puts the session in the bucket of its deadline counted from {@code nowMs}, moving it if needed. */
    void touch(Session session, long nowMs) {
        long deadlineMs = deadlineFor(nowMs, session.timeoutMs);
        if (session.inBucket && session.deadlineMs == deadlineMs) {
            return;
        }
        remove(session);
        Bucket bucket = byDeadline.computeIfAbsent(deadlineMs, k -> new Bucket());
        session.deadlineMs = deadlineMs;
        session.inBucket = true;
        session.previousInBucket = bucket.last;
        session.nextInBucket = null;
        if (bucket.last == null) {
            bucket.first = session;
        } else {
            bucket.last.nextInBucket = session;
        }
        bucket.last = session;
    }

    /** Takes the session out of its bucket, if it is in one. */
    void remove(Session session) {
        if (!session.inBucket) {
            return;
        }
        Bucket bucket = byDeadline.get(session.deadlineMs);
        if (session.previousInBucket == null) {
            bucket.first = session.nextInBucket;
        } else {
            session.previousInBucket.nextInBucket = session.nextInBucket;
        }
        if (session.nextInBucket == null) {
            bucket.last = session.previousInBucket;
        } else {
            session.nextInBucket.previousInBucket = session.previousInBucket;
        }
        if (bucket.first == null) {
            byDeadline.remove(session.deadlineMs);
        }
        session.previousInBucket = null;
        session.nextInBucket = null;
        session.inBucket = false;
    }

    /**
     * Takes out and returns the sessions of every bucket whose deadline is at or before
     * {@code nowMs}, in deadline order and, within a bucket, in the order they entered it.
     */
    List<Session> takeDue(long nowMs) {
        List<Session> due = new ArrayList<>();
        if (nowMs < nextDueMs) {
            return due;
        }
        if ((nowMs - nextDueMs) / intervalMs > byDeadline.size()) {
            // A long jump in time: visit the buckets there are rather than every interval passed.
            byDeadline.keySet().stream().filter(deadlineMs -> deadlineMs <= nowMs).sorted().toList()
                    .forEach(deadlineMs -> takeBucket(deadlineMs, due));
        } else {
            for (long deadlineMs = nextDueMs; deadlineMs <= nowMs; deadlineMs += intervalMs) {
                takeBucket(deadlineMs, due);
            }
        }
        nextDueMs = roundUp(nowMs);
        return due;
    }

    private void takeBucket(long deadlineMs, List<Session> due) {
        Bucket bucket = byDeadline.remove(deadlineMs);
        if (bucket == null) {
            return;
        }
        Session session = bucket.first;
        while (session != null) {
            Session next = session.nextInBucket;
            session.previousInBucket = null;
            session.nextInBucket = null;
            session.inBucket = false;
            due.add(session);
            session = next;
        }
    }

    /** Buckets holding at least one session, for tests. */
    int bucketCount() {
        return byDeadline.size();
    }

    private static final class Bucket {
        Session first;
        Session last;
    }
}
