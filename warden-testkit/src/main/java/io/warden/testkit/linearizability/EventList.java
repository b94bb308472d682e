package io.warden.testkit.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The invocation and completion events of a history in time order, as a doubly linked list from
 * which an operation's events can be lifted out and put back. Operations are numbered by their
 * position in the history; an operation with an unknown outcome has an invocation event only (it
 * never has to take effect). At equal times invocations come first, so such operations count as
 * concurrent. Lifts must be undone in the reverse order.
 */
final class EventList {
    private final int head;
    private final int tail;
    private final int[] next;
    private final int[] previous;
    private final int[] operationOfEvent;
    private final boolean[] isInvocation;
    private final int[] invocationOfOperation;
    private final int[] completionOfOperation;

    EventList(List<? extends Operation<?, ?>> history) {
        List<Event> events = new ArrayList<>();
        for (int operation = 0; operation < history.size(); operation++) {
            Operation<?, ?> recorded = history.get(operation);
            events.add(new Event(recorded.invocationTimeNanos(), true, operation));
            if (!recorded.isUnknown()) {
                events.add(new Event(recorded.completionTimeNanos(), false, operation));
            }
        }
        events.sort(Comparator.comparingLong(Event::timeNanos)
                .thenComparing(event -> !event.invocation())
                .thenComparingInt(Event::operation));

        int count = events.size();
        head = count;
        tail = count + 1;
        next = new int[count + 2];
        previous = new int[count + 2];
        operationOfEvent = new int[count];
        isInvocation = new boolean[count];
        invocationOfOperation = new int[history.size()];
        completionOfOperation = new int[history.size()];
        Arrays.fill(completionOfOperation, -1);
        int last = head;
        for (int event = 0; event < count; event++) {
            Event sorted = events.get(event);
            operationOfEvent[event] = sorted.operation();
            isInvocation[event] = sorted.invocation();
            if (sorted.invocation()) {
                invocationOfOperation[sorted.operation()] = event;
            } else {
                completionOfOperation[sorted.operation()] = event;
            }
            next[last] = event;
            previous[event] = last;
            last = event;
        }
        next[last] = tail;
        previous[tail] = last;
    }

    /** The first event still in the list, or the end. */
    int first() {
        return next[head];
    }

    int after(int event) {
        return next[event];
    }

    boolean isEnd(int event) {
        return event == tail;
    }

    boolean isInvocation(int event) {
        return isInvocation[event];
    }

    int operation(int event) {
        return operationOfEvent[event];
    }

    int invocationOf(int operation) {
        return invocationOfOperation[operation];
    }

    /** Takes the operation's events out of the list. */
    void lift(int operation) {
        unlink(invocationOfOperation[operation]);
        int completion = completionOfOperation[operation];
        if (completion >= 0) {
            unlink(completion);
        }
    }

    /** Puts back the events of the operation lifted last. */
    void unlift(int operation) {
        int completion = completionOfOperation[operation];
        if (completion >= 0) {
            relink(completion);
        }
        relink(invocationOfOperation[operation]);
    }

    private void unlink(int event) {
        next[previous[event]] = next[event];
        previous[next[event]] = previous[event];
    }

    private void relink(int event) {
        next[previous[event]] = event;
        previous[next[event]] = event;
    }

    private record Event(long timeNanos, boolean invocation, int operation) {
    }
}
