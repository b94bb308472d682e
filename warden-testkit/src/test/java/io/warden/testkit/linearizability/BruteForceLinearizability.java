package io.warden.testkit.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The definition of linearizability, checked the slow way for tiny histories: some subset of the
 * operations with unknown outcome, together with every completed operation, in some order that
 * respects real time, is accepted by the model. An oracle for the checker.
 */
final class BruteForceLinearizability {
    private BruteForceLinearizability() {
    }

    static <S, I, O> boolean isLinearizable(List<Operation<I, O>> history, Model<S, I, O> model) {
        List<Integer> unknown = new ArrayList<>();
        List<Integer> completed = new ArrayList<>();
        for (int index = 0; index < history.size(); index++) {
            (history.get(index).isUnknown() ? unknown : completed).add(index);
        }
        for (int subset = 0; subset < 1 << unknown.size(); subset++) {
            List<Integer> chosen = new ArrayList<>(completed);
            for (int bit = 0; bit < unknown.size(); bit++) {
                if ((subset & 1 << bit) != 0) {
                    chosen.add(unknown.get(bit));
                }
            }
            if (someOrderFits(history, model, chosen, new ArrayList<>(), model.initialState())) {
                return true;
            }
        }
        return false;
    }

    private static <S, I, O> boolean someOrderFits(
            List<Operation<I, O>> history, Model<S, I, O> model, List<Integer> left, List<Integer> order, S state) {
        if (left.isEmpty()) {
            return true;
        }
        for (int choice : new ArrayList<>(left)) {
            Operation<I, O> next = history.get(choice);
            boolean anotherMustComeFirst = left.stream().map(history::get)
                    .anyMatch(other -> other.completionTimeNanos() < next.invocationTimeNanos());
            if (anotherMustComeFirst) {
                continue;
            }
            Optional<S> after = next.isUnknown()
                    ? Optional.of(model.stepUnobserved(state, next.input()))
                    : model.step(state, next.input(), next.output());
            if (after.isPresent()) {
                left.remove(Integer.valueOf(choice));
                order.add(choice);
                boolean fits = someOrderFits(history, model, left, order, after.get());
                order.remove(order.size() - 1);
                left.add(choice);
                if (fits) {
                    return true;
                }
            }
        }
        return false;
    }
}
