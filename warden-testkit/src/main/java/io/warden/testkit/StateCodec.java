package io.warden.testkit;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.zab.Entry;
import io.warden.zab.SnapshotImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated state machine's snapshot format. The state is the applied history itself, so a
 * snapshot is the list of entries: a count, then each entry's zxid, payload length and payload.
 */
final class StateCodec {
    private StateCodec() {
    }

    static SnapshotImage encode(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + entries.size() * 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.writeLong(entry.zxid());
                out.writeInt(entry.payload().length);
                out.write(entry.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SnapshotImage.of(bytes.toByteArray());
    }

    /**
     * The state at {@code zxid} of a host whose applied history is {@code history}: its prefix up
     * to that zxid, which must be 0 or the zxid of one of its entries.
     */
    static SnapshotImage encodeUpTo(List<Entry> history, long zxid) {
        if (zxid == 0) {
            return encode(List.of());
        }
        int at = indexOf(history, zxid);
        Checks.check(at >= 0, "no snapshot at %s in a history ending at %s", Zxid.toHex(zxid),
                Zxid.toHex(lastZxid(history)));
        return encode(history.subList(0, at + 1));
    }

    static List<Entry> decode(SnapshotImage image) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(SnapshotImage.readAll(image)))) {
            int count = in.readInt();
            if (count < 0) {
                throw new IllegalArgumentException("negative entry count in a snapshot: " + count);
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long zxid = in.readLong();
                int length = in.readInt();
                byte[] payload = new byte[length];
                in.readFully(payload);
                entries.add(new Entry(zxid, payload));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("bytes left over after " + count + " snapshot entries");
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zxid of the last entry, 0 for an empty history. */
    static long lastZxid(List<Entry> entries) {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).zxid();
    }

    /** Where the entry with {@code zxid} sits in a history sorted by zxid; negative when absent. */
    static int indexOf(List<Entry> entries, long zxid) {
        int low = 0;
        int high = entries.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = entries.get(middle).zxid();
            if (found < zxid) {
                low = middle + 1;
            } else if (found > zxid) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }
}
