package io.warden.recipes.queue;

import io.warden.recipes.SequenceOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The names of queue items: {@code qn-} and the ten-digit sequence the server appends. Other
 * children of the queue node are not items and are left alone.
 */
final class QueueItems {
    /** The name prefix of an item node, as Curator's SimpleDistributedQueue names them. */
    static final String PREFIX = "qn-";

    private QueueItems() {
    }

    /** True for {@code qn-} followed by a sequence number. */
    static boolean isItem(String name) {
        return SequenceOrder.isSequential(name, PREFIX);
    }

    /** The items among {@code names}, oldest (lowest sequence) first. */
    static List<String> inOrder(List<String> names) {
        List<String> items = new ArrayList<>();
        for (String name : names) {
            if (isItem(name)) {
                items.add(name);
            }
        }
        items.sort(Comparator.comparingLong(SequenceOrder::sequence));
        return items;
    }
}
