package io.warden.testkit.linearizability;

import io.warden.testkit.linearizability.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One search for a linearization of one history against one model (Wing and Gong's search with
 * Lowe's memoisation). A point of the search is the set of operations placed so far and the state
 * they leave. At a point, the operations whose invocation comes before the first completion still
 * in the event list may take effect next: first the completed ones are tried, then those with unknown
 * outcome. A legal candidate leading to a new point is placed and the walk restarts from the start
 * of the list. When no candidate is left, the last placed operation is taken back (its point is now
 * refuted) and the walk goes on after it. The search succeeds once every completed operation is
 * placed: operations with unknown outcome need not be.
 *
 * <p>Two prunings keep unknown outcomes cheap, both sound because placing such an operation is
 * optional: one is only placed when it changes the state (leaving out one that does not keeps any
 * linearization valid); and a point is skipped when the same point without some of its placed
 * unknown operations is refuted, since any way to finish from it would finish from there too.
 *
 * <p>A step is one candidate tried or one operation taken back. Used once.
 */
final class LinearizationSearch<S, I, O> {
    private final List<Operation<I, O>> history;
    private final Model<S, I, O> model;
    private final long maxSteps;
    private final EventList events;
    private final PlacedOperations placed;
    private final Set<PlacedOperations.MemoKey> explored = new HashSet<>();
    private final Set<PlacedOperations.MemoKey> refuted = new HashSet<>();
    private final int[] placedOrder;
    private final PlacedOperations.MemoKey[] pointAfter;
    private final List<S> statesBefore = new ArrayList<>();
    private final int[] placedUnknown;
    private int placedCount;
    private int placedUnknownCount;
    private S state;
    private long steps;
    private DeadEnd<S> deepestDeadEnd;

    LinearizationSearch(List<Operation<I, O>> history, Model<S, I, O> model, long maxSteps) {
        this.history = history;
        this.model = model;
        this.maxSteps = maxSteps;
        this.events = new EventList(history);
        this.placed = new PlacedOperations(history.size());
        this.placedOrder = new int[history.size()];
        this.pointAfter = new PlacedOperations.MemoKey[history.size()];
        this.placedUnknown = new int[history.size()];
        this.state = model.initialState();
    }

    CheckResult run() {
        int completedLeft = (int) history.stream().filter(operation -> !operation.isUnknown()).count();
        boolean tryingUnknown = false;
        int event = events.first();
        while (completedLeft > 0) {
            if (events.isInvocation(event)) {
                int operation = events.operation(event);
                if (history.get(operation).isUnknown() != tryingUnknown) {
                    event = events.after(event);
                    continue;
                }
                if (steps++ >= maxSteps) {
                    return gaveUp();
                }
                Optional<S> after = tryStep(history.get(operation));
                if (after.isPresent() && place(operation, after.get())) {
                    if (!tryingUnknown) {
                        completedLeft--;
                    }
                    tryingUnknown = false;
                    event = events.first();
                } else {
                    event = events.after(event);
                }
            } else if (!tryingUnknown) {
                tryingUnknown = true;
                event = events.first();
            } else {
                noteDeadEnd(events.operation(event));
                if (placedCount == 0) {
                    return new CheckResult(Verdict.NOT_LINEARIZABLE,
                            new NonLinearizableReport<>(history, model).explain(summary(), deepestDeadEnd), steps);
                }
                if (steps++ >= maxSteps) {
                    return gaveUp();
                }
                int operation = takeBackLast();
                tryingUnknown = history.get(operation).isUnknown();
                if (!tryingUnknown) {
                    completedLeft++;
                }
                event = events.after(events.invocationOf(operation));
            }
        }
        return new CheckResult(Verdict.LINEARIZABLE, "linearizable: " + summary(), steps);
    }

    /** The state after the operation, or empty when it cannot (or, unknown, need not) take effect now. */
    private Optional<S> tryStep(Operation<I, O> operation) {
        if (operation.isUnknown()) {
            S after = model.stepUnobserved(state, operation.input());
            return after.equals(state) ? Optional.empty() : Optional.of(after);
        }
        return model.step(state, operation.input(), operation.output());
    }

    /** Places the operation unless the point it leads to was reached before or is refuted. */
    private boolean place(int operation, S after) {
        boolean unknown = history.get(operation).isUnknown();
        placed.add(operation);
        if (unknown) {
            placedUnknown[placedUnknownCount++] = operation;
        }
        PlacedOperations.MemoKey point = placed.keyWith(after);
        boolean fresh = explored.add(point) && !refutedWithoutSomeUnknown(after);
        if (!fresh) {
            refuted.add(point);
            placed.remove(operation);
            placedUnknownCount -= unknown ? 1 : 0;
            return false;
        }
        events.lift(operation);
        pointAfter[placedCount] = point;
        placedOrder[placedCount++] = operation;
        statesBefore.add(state);
        state = after;
        return true;
    }

    /** Whether the placed operations less one, or less all, of the unknown ones, with {@code after}, are refuted. */
    private boolean refutedWithoutSomeUnknown(S after) {
        for (int index = 0; index < placedUnknownCount; index++) {
            placed.remove(placedUnknown[index]);
            boolean dominated = refuted.contains(placed.keyWith(after));
            placed.add(placedUnknown[index]);
            if (dominated) {
                return true;
            }
        }
        if (placedUnknownCount < 2) {
            return false;
        }
        for (int index = 0; index < placedUnknownCount; index++) {
            placed.remove(placedUnknown[index]);
        }
        boolean dominated = refuted.contains(placed.keyWith(after));
        for (int index = 0; index < placedUnknownCount; index++) {
            placed.add(placedUnknown[index]);
        }
        return dominated;
    }

    private int takeBackLast() {
        int operation = placedOrder[--placedCount];
        refuted.add(pointAfter[placedCount]);
        pointAfter[placedCount] = null;
        state = statesBefore.remove(statesBefore.size() - 1);
        placed.remove(operation);
        if (history.get(operation).isUnknown()) {
            placedUnknownCount--;
        }
        events.unlift(operation);
        return operation;
    }

    /** Keeps the first dead end at the greatest depth: the longest linearizable start found. */
    private void noteDeadEnd(int overdueOperation) {
        if (deepestDeadEnd != null && deepestDeadEnd.placedInOrder().size() >= placedCount) {
            return;
        }
        List<Integer> order = new ArrayList<>(placedCount);
        for (int index = 0; index < placedCount; index++) {
            order.add(placedOrder[index]);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int event = events.first(); !events.isEnd(event) && events.isInvocation(event);
                event = events.after(event)) {
            int operation = events.operation(event);
            if (!history.get(operation).isUnknown()) {
                candidates.add(operation);
            }
        }
        deepestDeadEnd = new DeadEnd<>(order, state, candidates, overdueOperation);
    }

    private CheckResult gaveUp() {
        steps = maxSteps;
        return new CheckResult(Verdict.UNKNOWN, "gave up after " + steps + " search steps (the bound) on "
                + summary() + "; raise maxSteps, or check a shorter or less concurrent history", steps);
    }

    private String summary() {
        long unknown = history.stream().filter(Operation::isUnknown).count();
        return history.size() + " operations (" + unknown + " with unknown outcome), " + steps + " search steps";
    }
}
