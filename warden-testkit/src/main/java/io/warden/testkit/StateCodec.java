package io.warden.testkit;

import io.warden.zab.Entry;
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

    static byte[] encode(List<Entry> entries) {
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
        return bytes.toByteArray();
    }

    static List<Entry> decode(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
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
