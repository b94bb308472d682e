package io.warden.testkit.linearizability;

import io.warden.testkit.linearizability.ConcurrentSchedule.Slot;
import io.warden.testkit.linearizability.RegisterModel.CompareAndSet;
import io.warden.testkit.linearizability.RegisterModel.Input;
import io.warden.testkit.linearizability.RegisterModel.Ok;
import io.warden.testkit.linearizability.RegisterModel.Output;
import io.warden.testkit.linearizability.RegisterModel.Read;
import io.warden.testkit.linearizability.RegisterModel.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random histories of clients sharing one atomic integer register that starts at 0, linearizable by
 * construction, and a stale read planted in them that no order can explain.
 */
final class RandomRegisterHistories {
    static final int INITIAL_VALUE = 0;

    private final SplittableRandom random;
    private final boolean uniqueValues;
    private final List<Slot> slots;
    private final List<Input<Integer>> inputs = new ArrayList<>();
    private final List<Output<Integer>> outputs = new ArrayList<>();
    private int nextValue = 1;

    /**
     * With {@code uniqueValues} every write and compare-and-set writes a value never written before;
     * otherwise values are drawn from 0..3 (repeats, ABA).
     */
    RandomRegisterHistories(long seed, boolean uniqueValues, int maxClients, int maxOperationsPerClient) {
        this.random = new SplittableRandom(seed);
        this.uniqueValues = uniqueValues;
        this.slots = ConcurrentSchedule.draw(random, maxClients, maxOperationsPerClient, 0.1);
        List<Integer> written = new ArrayList<>(List.of(INITIAL_VALUE));
        for (int index = 0; index < slots.size(); index++) {
            int kind = random.nextInt(100);
            Input<Integer> input;
            if (kind < 45) {
                input = RegisterModel.write(newValue(written));
            } else if (kind < 80) {
                input = RegisterModel.read();
            } else {
                int expected = uniqueValues
                        ? written.get(Math.max(0, written.size() - 1 - random.nextInt(3)))
                        : random.nextInt(4);
                input = RegisterModel.cas(expected, newValue(written));
            }
            inputs.add(input);
            outputs.add(null);
        }
        int value = INITIAL_VALUE;
        for (int index : ConcurrentSchedule.effectOrder(slots)) {
            Input<Integer> input = inputs.get(index);
            if (input instanceof Write<Integer> write) {
                value = write.value();
                outputs.set(index, RegisterModel.ok());
            } else if (input instanceof Read) {
                outputs.set(index, RegisterModel.value(value));
            } else if (input instanceof CompareAndSet<Integer> cas) {
                boolean matches = cas.expected() == value;
                value = matches ? cas.newValue() : value;
                outputs.set(index, matches ? RegisterModel.ok() : RegisterModel.failed());
            }
        }
    }

    private int newValue(List<Integer> written) {
        int value = uniqueValues ? nextValue++ : random.nextInt(4);
        written.add(value);
        return value;
    }

    /** The history as recorded: ids by invocation order, no outputs for unknown outcomes. */
    List<Operation<Input<Integer>, Output<Integer>>> history() {
        List<Operation<Input<Integer>, Output<Integer>>> history = new ArrayList<>();
        for (int index = 0; index < slots.size(); index++) {
            history.add(operation(index, outputs.get(index)));
        }
        return history;
    }

    private Operation<Input<Integer>, Output<Integer>> operation(int index, Output<Integer> output) {
        Slot slot = slots.get(index);
        return slot.isUnknown()
                ? Operation.unknown(index, slot.clientId(), inputs.get(index), slot.invocationTimeNanos())
                : Operation.completed(index, slot.clientId(), inputs.get(index), slot.invocationTimeNanos(), output,
                        slot.completionTimeNanos());
    }

    /** A history with a stale read planted, and where it was planted; needs unique values. */
    record Mutation(List<Operation<Input<Integer>, Output<Integer>>> history, boolean inTheMiddle, String what) {
    }

    /**
     * Plants a stale read. In the middle when possible: a completed read invoked after a completed
     * write W returns a value that was overwritten before W was even invoked (or the initial value):
     * with unique values nothing else writes it, so no order explains it. Otherwise at the end: a
     * completed write of a new value, then a read returning an older value written by a completed
     * operation; operations with unknown outcome write other values, so they cannot explain it either.
     */
    Mutation plantStaleRead() {
        if (!uniqueValues) {
            throw new IllegalStateException("a stale read is only certain to be wrong with unique values");
        }
        List<Operation<Input<Integer>, Output<Integer>>> history = history();
        List<int[]> choices = new ArrayList<>();
        for (Operation<Input<Integer>, Output<Integer>> read : history) {
            if (read.isUnknown() || !(read.input() instanceof Read)) {
                continue;
            }
            long latestOverwriteInvocation = Long.MIN_VALUE;
            for (Operation<Input<Integer>, Output<Integer>> writer : history) {
                if (writesAValue(writer) && writer.completionTimeNanos() < read.invocationTimeNanos()) {
                    latestOverwriteInvocation = Math.max(latestOverwriteInvocation, writer.invocationTimeNanos());
                }
            }
            if (latestOverwriteInvocation == Long.MIN_VALUE) {
                continue;
            }
            choices.add(new int[] {(int) read.id(), INITIAL_VALUE});
            for (Operation<Input<Integer>, Output<Integer>> older : history) {
                if (writesAValue(older) && older.completionTimeNanos() < latestOverwriteInvocation) {
                    choices.add(new int[] {(int) read.id(), valueWritten(older)});
                }
            }
        }
        if (!choices.isEmpty()) {
            int[] choice = choices.get(random.nextInt(choices.size()));
            history.set(choice[0], operation(choice[0], RegisterModel.value(choice[1])));
            return new Mutation(history, true, "read #" + choice[0] + " made to return stale " + choice[1]);
        }
        List<Integer> stale = new ArrayList<>(List.of(INITIAL_VALUE));
        history.stream().filter(RandomRegisterHistories::writesAValue).forEach(op -> stale.add(valueWritten(op)));
        int staleValue = stale.get(random.nextInt(stale.size()));
        long end = ConcurrentSchedule.after(slots);
        int id = history.size();
        history.add(Operation.completed(id, 1_000, RegisterModel.write(nextValue++), end, RegisterModel.ok(), end + 5));
        history.add(Operation.completed(id + 1, 1_000, RegisterModel.read(), end + 10, RegisterModel.value(staleValue),
                end + 15));
        return new Mutation(history, false, "final read #" + (id + 1) + " returns stale " + staleValue);
    }

    /** A completed write or successful compare-and-set. */
    private static boolean writesAValue(Operation<Input<Integer>, Output<Integer>> operation) {
        return !operation.isUnknown() && operation.output() instanceof Ok
                && (operation.input() instanceof Write || operation.input() instanceof CompareAndSet);
    }

    private static int valueWritten(Operation<Input<Integer>, Output<Integer>> operation) {
        if (operation.input() instanceof Write<Integer> write) {
            return write.value();
        }
        return ((CompareAndSet<Integer>) operation.input()).newValue();
    }

}
