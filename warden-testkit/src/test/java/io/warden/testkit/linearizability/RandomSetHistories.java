package io.warden.testkit.linearizability;

import io.warden.testkit.linearizability.ConcurrentSchedule.Slot;
import io.warden.testkit.linearizability.SetModel.Add;
import io.warden.testkit.linearizability.SetModel.Added;
import io.warden.testkit.linearizability.SetModel.Elements;
import io.warden.testkit.linearizability.SetModel.Input;
import io.warden.testkit.linearizability.SetModel.Output;
import io.warden.testkit.linearizability.SetModel.Read;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random histories of clients sharing one atomic set of strings that starts empty (adds of new
 * elements, some adds of elements already added, reads), linearizable by construction, and a lost
 * acknowledged add planted in them.
 */
final class RandomSetHistories {
    private final SplittableRandom random;
    private final List<Slot> slots;
    private final List<Input<String>> inputs = new ArrayList<>();
    private final List<Output<String>> outputs = new ArrayList<>();
    private final Set<String> finalElements = new HashSet<>();
    private int nextElement = 1;

    RandomSetHistories(long seed, int maxClients, int maxOperationsPerClient) {
        this.random = new SplittableRandom(seed);
        this.slots = ConcurrentSchedule.draw(random, maxClients, maxOperationsPerClient, 0.1);
        List<String> planned = new ArrayList<>();
        for (int index = 0; index < slots.size(); index++) {
            int kind = random.nextInt(100);
            if (kind < 40 || kind < 50 && planned.isEmpty()) {
                String element = "e" + nextElement++;
                planned.add(element);
                inputs.add(SetModel.add(element));
            } else if (kind < 50) {
                inputs.add(SetModel.add(planned.get(random.nextInt(planned.size()))));
            } else {
                inputs.add(SetModel.read());
            }
            outputs.add(null);
        }
        for (int index : ConcurrentSchedule.effectOrder(slots)) {
            if (inputs.get(index) instanceof Add<String> add) {
                outputs.set(index, finalElements.add(add.element()) ? SetModel.added() : SetModel.alreadyPresent());
            } else {
                outputs.set(index, SetModel.elements(finalElements));
            }
        }
    }

    /** The history as recorded: ids by invocation order, no outputs for unknown outcomes. */
    List<Operation<Input<String>, Output<String>>> history() {
        List<Operation<Input<String>, Output<String>>> history = new ArrayList<>();
        for (int index = 0; index < slots.size(); index++) {
            history.add(operation(index, outputs.get(index)));
        }
        return history;
    }

    private Operation<Input<String>, Output<String>> operation(int index, Output<String> output) {
        Slot slot = slots.get(index);
        return slot.isUnknown()
                ? Operation.unknown(index, slot.clientId(), inputs.get(index), slot.invocationTimeNanos())
                : Operation.completed(index, slot.clientId(), inputs.get(index), slot.invocationTimeNanos(), output,
                        slot.completionTimeNanos());
    }

    /** A history with an acknowledged add lost, and where. */
    record Mutation(List<Operation<Input<String>, Output<String>>> history, boolean inTheMiddle, String what) {
    }

    /**
     * Drops an acknowledged add from a read. In the middle when possible: a completed read invoked after
     * a completed {@code added} add no longer contains its element, though the set never shrinks.
     * Otherwise at the end: a completed add of a new element, then a read of every element but that one.
     */
    Mutation dropAcknowledgedAdd() {
        List<Operation<Input<String>, Output<String>>> history = history();
        List<int[]> choices = new ArrayList<>();
        for (Operation<Input<String>, Output<String>> read : history) {
            if (read.isUnknown() || !(read.input() instanceof Read)) {
                continue;
            }
            for (Operation<Input<String>, Output<String>> add : history) {
                if (!add.isUnknown() && add.output() instanceof Added
                        && add.completionTimeNanos() < read.invocationTimeNanos()) {
                    choices.add(new int[] {(int) read.id(), (int) add.id()});
                }
            }
        }
        if (!choices.isEmpty()) {
            int[] choice = choices.get(random.nextInt(choices.size()));
            String lost = ((Add<String>) history.get(choice[1]).input()).element();
            Set<String> seen = new HashSet<>(((Elements<String>) history.get(choice[0]).output()).elements());
            seen.remove(lost);
            history.set(choice[0], operation(choice[0], SetModel.elements(seen)));
            return new Mutation(history, true, "read #" + choice[0] + " misses " + lost + " added by #" + choice[1]);
        }
        long end = ConcurrentSchedule.after(slots);
        int id = history.size();
        String lost = "e" + nextElement++;
        history.add(Operation.completed(id, 1_000, SetModel.add(lost), end, SetModel.added(), end + 5));
        history.add(Operation.completed(id + 1, 1_000, SetModel.read(), end + 10, SetModel.elements(finalElements),
                end + 15));
        return new Mutation(history, false, "final read #" + (id + 1) + " misses " + lost);
    }
}
