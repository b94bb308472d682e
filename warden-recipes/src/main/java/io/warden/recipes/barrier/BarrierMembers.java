package io.warden.recipes.barrier;

import java.util.ArrayList;
import java.util.List;

/**
 * The children of a double barrier's node: one per participant (named by a UUID, as Curator's
 * {@code DistributedDoubleBarrier} names them) and the {@code ready} node, which is not a participant.
 */
final class BarrierMembers {
    /** The node created once enough participants entered; Curator's name for it. */
    static final String READY_NODE = "ready";

    private BarrierMembers() {
    }

    /** The participants among {@code children}, sorted. */
    static List<String> participants(List<String> children) {
        List<String> participants = new ArrayList<>();
        for (String child : children) {
            if (!child.equals(READY_NODE)) {
                participants.add(child);
            }
        }
        participants.sort(null);
        return participants;
    }
}
