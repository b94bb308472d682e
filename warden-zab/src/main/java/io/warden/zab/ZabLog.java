package io.warden.zab;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactions a server holds in memory: everything after {@code baseZxid} (the point its
 * host's snapshot covers), in zxid order, and their payloads' bytes together. Zxids strictly
 * increase, so lookups are binary searches.
 */
final class ZabLog {
    private long baseZxid;
    private final ArrayList<Entry> entries = new ArrayList<>();
    private long payloadBytes;

    ZabLog(long baseZxid, List<Entry> logged) {
        this.baseZxid = baseZxid;
        for (Entry e : logged) {
            if (e.zxid() > baseZxid) {
                append(e);
            }
        }
    }

    long baseZxid() {
        return baseZxid;
    }

    long lastZxid() {
        return entries.isEmpty() ? baseZxid : entries.get(entries.size() - 1).zxid();
    }

    int size() {
        return entries.size();
    }

    /** The bytes of every payload held. */
    long payloadBytes() {
        return payloadBytes;
    }

    void append(Entry e) {
        if (e.zxid() <= lastZxid()) {
            throw Checks.violation("append of %s after %s", Zxid.toHex(e.zxid()), Zxid.toHex(lastZxid()));
        }
        entries.add(e);
        payloadBytes += e.payload().length;
    }

    /** True when the history holds {@code zxid} (or it is the base point). */
    boolean holds(long zxid) {
        return zxid == baseZxid || indexOf(zxid) >= 0;
    }

    /**
     * The largest zxid held that is below {@code zxid}, or -1 when even the base is not below it.
     */
    long largestBelow(long zxid) {
        int i = insertionPoint(zxid) - 1;
        if (i >= 0) {
            return entries.get(i).zxid();
        }
        return baseZxid < zxid ? baseZxid : -1;
    }

    /** The zxid of the first entry after {@code zxid}, or -1 when there is none. */
    long zxidAfter(long zxid) {
        int i = insertionPoint(zxid + 1);
        return i < entries.size() ? entries.get(i).zxid() : -1;
    }

    /** How many entries come after {@code zxid}. */
    int countAfter(long zxid) {
        return entries.size() - insertionPoint(zxid + 1);
    }

    /** Entries in {@code (fromExclusive, toInclusive]}. */
    List<Entry> between(long fromExclusive, long toInclusive) {
        int from = insertionPoint(fromExclusive + 1);
        int to = insertionPoint(toInclusive + 1);
        return new ArrayList<>(entries.subList(from, Math.max(from, to)));
    }

    void truncateAfter(long zxid) {
        Checks.check(zxid >= baseZxid, "truncate to %s below the snapshot at %s", Zxid.toHex(zxid),
                Zxid.toHex(baseZxid));
        int keep = insertionPoint(zxid + 1);
        forget(entries.subList(keep, entries.size()));
    }

    /** Forgets the entries up to {@code zxid}, which becomes the base. */
    void compact(long zxid) {
        if (zxid <= baseZxid) {
            return;
        }
        int drop = insertionPoint(zxid + 1);
        forget(entries.subList(0, drop));
        baseZxid = zxid;
    }

    /** Drops everything: the history is now a snapshot at {@code zxid}. */
    void reset(long zxid) {
        entries.clear();
        payloadBytes = 0;
        baseZxid = zxid;
    }

    private void forget(List<Entry> dropped) {
        for (Entry e : dropped) {
            payloadBytes -= e.payload().length;
        }
        dropped.clear();
    }

    private int indexOf(long zxid) {
        int i = insertionPoint(zxid);
        return i < entries.size() && entries.get(i).zxid() == zxid ? i : -1;
    }

    /** The index of the first entry with a zxid of at least {@code zxid}. */
    private int insertionPoint(long zxid) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).zxid() < zxid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
