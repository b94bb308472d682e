package io.warden.recipes.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A consistent-hashing ring: each member has {@code virtualNodes} points, at the hashes of
 * {@code <member>#<i>}, and a key belongs to the member of the first point at or after the key's
 * hash (wrapping round). A member's points depend on its name only, so when a member joins it takes
 * the keys just before its points and nothing else moves; when one leaves, only its keys move.
 * Hashes are the first 8 bytes of SHA-256, compared as signed longs.
 */
final class HashRing {
    /** Points per member by default: members then typically own within 20% of an equal share of the keys. */
    static final int VIRTUAL_NODES_DEFAULT = 160;

    private final long[] points;
    private final int[] owners;

    /** A ring of {@code members} (indexes into this list are what {@link #ownerOf} returns). */
    HashRing(List<String> members, int virtualNodes) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a hash ring needs at least one member");
        }
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be at least 1, not " + virtualNodes);
        }
        int count = Math.multiplyExact(members.size(), virtualNodes);
        Point[] all = new Point[count];
        for (int member = 0; member < members.size(); member++) {
            for (int i = 0; i < virtualNodes; i++) {
                all[member * virtualNodes + i] = new Point(hash(members.get(member) + "#" + i), member,
                        members.get(member));
            }
        }
        // Equal hashes (vanishingly rare) go to the smaller name, so the ring does not depend on list order.
        Arrays.sort(all, Comparator.comparingLong(Point::hash).thenComparing(Point::name));
        this.points = new long[count];
        this.owners = new int[count];
        for (int i = 0; i < count; i++) {
            points[i] = all[i].hash();
            owners[i] = all[i].member();
        }
    }

    private record Point(long hash, int member, String name) {
    }

    /** The index of the member that owns {@code key}. */
    int ownerOf(String key) {
        long hash = hash(key);
        int at = Arrays.binarySearch(points, hash);
        if (at < 0) {
            at = -at - 1;
        } else {
            while (at > 0 && points[at - 1] == hash) {
                at--;
            }
        }
        return owners[at == points.length ? 0 : at];
    }

    /** The first 8 bytes of the SHA-256 of {@code text} (UTF-8), big-endian. */
    static long hash(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
