package io.warden.client;

import io.warden.wire.JuteSize;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SetWatches2;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The setWatches requests that give a new connection the watches this client holds, relative to
 * the last zxid it saw, so that one-shot watches whose node changed while the client was away fire
 * at once. (Persistent watches are registered again, but the server replays nothing to them: code
 * that keeps state from them must read it again after a reconnect, as the recipes' caches do.)
 * Each request carries at most {@link #BATCH_PATH_CHARS_MAX} characters of paths, as ZooKeeper's
 * client sends them, and fits in the frame limit. setWatches2 (105) is used only when there are
 * persistent watches, so that older servers keep working for everyone else.
 */
final class WatchReRegistration {
    /** The most path characters one setWatches request carries (ZooKeeper's client uses 128 KiB). */
    static final int BATCH_PATH_CHARS_MAX = 128 * 1024;
    /** Room in a frame for the header, the zxid and the five list lengths. */
    private static final int BATCH_OVERHEAD_BYTES = 64;
    /** The bytes a path takes in a list beside its characters: its length. */
    private static final int PATH_LENGTH_BYTES = 4;

    /** One request: its opcode and body. */
    record Batch(int opCode, Record body) {
    }

    private WatchReRegistration() {
    }

    static List<Batch> batches(ClientWatches watches, long relativeZxid, int maxFrameBytes) {
        long bytesMax = (long) maxFrameBytes - BATCH_OVERHEAD_BYTES;
        boolean persistent = watches.count(ClientWatches.Kind.PERSISTENT) > 0
                || watches.count(ClientWatches.Kind.PERSISTENT_RECURSIVE) > 0;
        List<Batch> batches = new ArrayList<>();
        Map<ClientWatches.Kind, List<String>> current = emptyLists();
        int chars = 0;
        long bytes = 0;
        for (ClientWatches.Kind kind : ClientWatches.Kind.values()) {
            for (String path : watches.paths(kind)) {
                long pathBytes = JuteSize.utf8Length(path) + PATH_LENGTH_BYTES;
                if (chars > 0 && (chars + path.length() > BATCH_PATH_CHARS_MAX || bytes + pathBytes > bytesMax)) {
                    batches.add(batch(current, relativeZxid, persistent));
                    current = emptyLists();
                    chars = 0;
                    bytes = 0;
                }
                current.get(kind).add(path);
                chars += path.length();
                bytes += pathBytes;
            }
        }
        if (chars > 0) {
            batches.add(batch(current, relativeZxid, persistent));
        }
        return batches;
    }

    private static Map<ClientWatches.Kind, List<String>> emptyLists() {
        Map<ClientWatches.Kind, List<String>> lists = new EnumMap<>(ClientWatches.Kind.class);
        for (ClientWatches.Kind kind : ClientWatches.Kind.values()) {
            lists.put(kind, new ArrayList<>());
        }
        return lists;
    }

    private static Batch batch(Map<ClientWatches.Kind, List<String>> lists, long relativeZxid, boolean persistent) {
        List<String> data = lists.get(ClientWatches.Kind.DATA);
        List<String> exist = lists.get(ClientWatches.Kind.EXIST);
        List<String> child = lists.get(ClientWatches.Kind.CHILD);
        if (persistent) {
            return new Batch(OpCode.SET_WATCHES2, new SetWatches2(relativeZxid, data, exist, child,
                    lists.get(ClientWatches.Kind.PERSISTENT), lists.get(ClientWatches.Kind.PERSISTENT_RECURSIVE)));
        }
        return new Batch(OpCode.SET_WATCHES, new SetWatches(relativeZxid, data, exist, child));
    }
}
